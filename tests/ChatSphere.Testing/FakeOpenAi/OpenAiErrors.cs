using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatSphere.Testing.FakeOpenAi;

/// <summary>Errors in OpenAI's shape: <c>{"error":{"message","type","param","code"}}</c>.</summary>
internal static class OpenAiErrors
{
    public static Task WriteAsync(HttpContext context, FakeErrorReply error, string? param = null)
    {
        if (error.RetryAfter is { } delay)
        {
            // Retry-After carries whole seconds; round up so a client never retries early.
            context.Response.Headers.RetryAfter = Math.Ceiling(delay.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        var body = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = error.Message,
                ["type"] = TypeOf(error.Status),
                ["param"] = param,
                ["code"] = error.Code,
            },
        };
        return OpenAiJson.WriteAsync(context, body, error.Status);
    }

    public static Task BadRequestAsync(HttpContext context, string message, string? param = null) =>
        WriteAsync(context, new FakeErrorReply(StatusCodes.Status400BadRequest, null, message, null), param);

    /// <summary>The error OpenAI typically sends with a status, for <see cref="FakeOpenAiServer.FailNext"/>.</summary>
    public static FakeErrorReply Typical(int status, TimeSpan? retryAfter) => status switch
    {
        429 => new(status, "rate_limit_exceeded", "Rate limit reached for requests (fake). Please try again later.", retryAfter),
        401 => new(status, "invalid_api_key", "Incorrect API key provided (fake).", retryAfter),
        >= 500 => new(status, null, "The server had an error while processing your request. Sorry about that! (fake)", retryAfter),
        _ => new(status, null, $"Scripted failure with status {status} (fake).", retryAfter),
    };

    private static string TypeOf(int status) => status switch
    {
        429 => "requests",
        >= 500 => "server_error",
        _ => "invalid_request_error",
    };
}
