using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChatSphere.Web.Widget;

/// <summary>
/// Per-IP, per-visitor and per-bot request budgets for the public widget. A widget key and an <c>Origin</c> header are
/// easy to fake outside a browser, so these are what actually stop a script. Taken in the endpoints rather than by
/// the rate-limiting middleware, because the visitor and the bot are only known once the session is read.
/// </summary>
public sealed class WidgetLimits(IOptions<WidgetOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perIp = PerMinute(options.Value.PerIpPerMinute);
    private readonly PartitionedRateLimiter<string> _perVisitor = PerMinute(options.Value.PerVisitorPerMinute);
    private readonly PartitionedRateLimiter<string> _perBot = PerMinute(options.Value.PerBotPerMinute);

    /// <summary>Null when the IP may make another widget request; otherwise how long to wait.</summary>
    public TimeSpan? TryIp(string ip) => Take(_perIp, ip);

    /// <summary>Null when this visitor and this bot may send another message; otherwise how long to wait.</summary>
    public TimeSpan? TryMessage(string visitorKey, Guid botId) =>
        Take(_perVisitor, visitorKey) ?? Take(_perBot, botId.ToString());

    public void Dispose()
    {
        _perIp.Dispose();
        _perVisitor.Dispose();
        _perBot.Dispose();
    }

    private static TimeSpan? Take(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    private static PartitionedRateLimiter<string> PerMinute(int permits) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
}
