using System.Globalization;
using System.Text.Json;
using ChatSphere.Core.Quotas;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatSphere.Web.Infrastructure;

/// <summary>
/// An account over a quota, as the JSON API says it: 429 with <c>Retry-After</c> for chat, 413 for stored bytes, 403
/// for counts (documents, bots); problem details whose <c>detail</c> names the limit, with <c>code</c>
/// "quota_exceeded", <c>quota</c>, <c>limit</c> (-1: unlimited) and, for chat, <c>retryAfterSeconds</c>.
/// </summary>
public static class QuotaProblems
{
    public static ProblemHttpResult Of(HttpContext http, QuotaRefusal refusal)
    {
        SetRetryAfter(http.Response, refusal);
        var extensions = new Dictionary<string, object?>
        {
            ["code"] = "quota_exceeded",
            ["quota"] = NameOf(refusal.Quota),
            ["limit"] = refusal.Limit,
        };
        if (refusal.RetryAfterSeconds is { } seconds)
        {
            extensions["retryAfterSeconds"] = seconds;
        }

        return TypedResults.Problem(refusal.Message, statusCode: StatusOf(refusal.Quota), title: "Quota exceeded", extensions: extensions);
    }

    public static int StatusOf(Quota quota) => quota switch
    {
        Quota.StoredBytes => StatusCodes.Status413PayloadTooLarge,
        Quota.Documents or Quota.Bots => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status429TooManyRequests,
    };

    /// <summary>The quota's name as the API writes it: <c>messagesPerMinute</c>, <c>storedBytes</c>...</summary>
    public static string NameOf(Quota quota) => JsonNamingPolicy.CamelCase.ConvertName(quota.ToString());

    public static void SetRetryAfter(HttpResponse response, QuotaRefusal refusal)
    {
        if (refusal.RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
    }
}
