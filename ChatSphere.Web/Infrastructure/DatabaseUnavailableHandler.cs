using ChatSphere.Core.Data;
using ChatSphere.Web.OpenAi;
using Microsoft.AspNetCore.Diagnostics;

namespace ChatSphere.Web.Infrastructure;

/// <summary>
/// A request that failed because PostgreSQL does not answer (a restart, an outage), after EF's retries: 503 with
/// Retry-After, as problem details (OpenAI's error shape on <c>/v1</c>) for every client that is not a browser asking
/// for a page. Pages are left to the error page, which the exception handler shows with status 503 (see
/// <see cref="StatusCodeOf"/>). Anything else stays a 500.
/// </summary>
public sealed class DatabaseUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>For the exception handler's status: 503 while the database is away, else 500.</summary>
    public static int StatusCodeOf(Exception exception) =>
        DatabaseFailure.IsTransient(exception) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseFailure.IsTransient(exception))
        {
            return false;
        }

        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = DatabaseFailure.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // The handler already points the request at the error page; the feature keeps the path that was asked for.
        var path = new PathString(http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path);
        if (path.StartsWithSegments("/v1"))
        {
            await OpenAiCompatibleApi.DatabaseUnavailable.ExecuteAsync(http);
            return true;
        }

        if (http.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true))
        {
            return false;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = DatabaseFailure.Detail,
                Extensions = { ["code"] = "database_unavailable" },
            },
        });
    }
}
