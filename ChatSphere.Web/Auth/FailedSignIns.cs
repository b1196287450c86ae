using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChatSphere.Web.Auth;

/// <summary>
/// Failed API sign-ins per client address, in a fixed window. The token endpoint records each failure here; the
/// rate limiting middleware (<see cref="FailedSignInPolicy"/>) only looks, so successful sign-ins cost nothing and a
/// spent address is refused before its body is read or any password is hashed.
/// </summary>
public sealed class FailedSignIns(IOptions<AuthOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.FailedSignInsPerAddress,
            Window = TimeSpan.FromMinutes(options.Value.FailedSignInWindowMinutes),
            QueueLimit = 0,
        }));

    /// <summary>
    /// The client's address: the TCP peer, or the forwarded client when the peer is a configured proxy
    /// (UseForwardedHeaders runs first). IPv4 seen through a dual-stack socket counts as IPv4.
    /// </summary>
    public static string AddressOf(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : "unknown";

    public void Record(HttpContext context) => _failures.AttemptAcquire(AddressOf(context)).Dispose();

    /// <summary>A lease that is granted while the address has failures left, and takes none of them.</summary>
    public RateLimitLease Check(string address) => _failures.AttemptAcquire(address, permitCount: 0);

    public void Dispose() => _failures.Dispose();
}
