using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChatSphere.Web.Auth;

/// <summary>The token endpoint's rate limit: 429 with Retry-After once an address has used up its failed sign-ins.</summary>
public sealed class FailedSignInPolicy(FailedSignIns failures, IOptions<AuthOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "failed-sign-ins";

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.Get(FailedSignIns.AddressOf(httpContext), address => new FailedSignInCheck(failures, address));

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, _) =>
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many failed sign-ins",
                Detail = $"Your address has used up its {options.Value.FailedSignInsPerAddress} failed sign-ins per " +
                    $"{options.Value.FailedSignInWindowMinutes} minutes. Try again in {seconds} seconds.",
            },
        });
    };
}
