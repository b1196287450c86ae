using ChatSphere.Core.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace ChatSphere.Web.Widget;

/// <summary>
/// Counts every widget request refused, by reason: the <c>code</c> of its problem (origin_not_allowed, session_invalid,
/// session_expired, rate_limited, budget_exhausted, not_found), "invalid" for a request that fails validation, and
/// origin_not_allowed for a preflight from a site on no bot's list. On the route group, it reads what the handlers
/// return, so refusals added later are counted without touching this.
/// </summary>
public sealed class WidgetRejectionFilter(ChatSphereMetrics metrics) : IEndpointFilter
{
    public const string Invalid = "invalid";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (ReasonOf(context.HttpContext, result) is { } reason)
        {
            metrics.WidgetRejections.Add(1, new KeyValuePair<string, object?>(ChatSphereTelemetry.Tags.Reason, reason));
        }

        return result;
    }

    /// <summary>Why <paramref name="result"/> refuses the request, or null when it does not.</summary>
    public static string? ReasonOf(HttpContext http, object? result) => result switch
    {
        ValidationProblem => Invalid,
        ProblemHttpResult { StatusCode: >= 400 and < 500 } problem =>
            problem.ProblemDetails.Extensions.TryGetValue("code", out var code) && code is string text ? text : Invalid,
        // A preflight the browser will refuse: it names no allowed origin (WidgetCors.PreflightAsync).
        NoContent when HttpMethods.IsOptions(http.Request.Method) && WidgetCors.OriginOf(http.Request) is not null
            && !http.Response.Headers.ContainsKey(HeaderNames.AccessControlAllowOrigin) => "origin_not_allowed",
        _ => null,
    };
}
