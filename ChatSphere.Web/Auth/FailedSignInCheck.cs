using System.Threading.RateLimiting;

namespace ChatSphere.Web.Auth;

/// <summary>
/// The rate limiting middleware's view of one address in <see cref="FailedSignIns"/>: acquiring checks that failures
/// are left and consumes nothing; the endpoint records the failures itself.
/// </summary>
public sealed class FailedSignInCheck(FailedSignIns failures, string address) : RateLimiter
{
    // Holds no state of its own, so the middleware may drop it whenever it likes; the counts live in FailedSignIns.
    public override TimeSpan? IdleDuration => TimeSpan.MaxValue;

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => failures.Check(address);

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(failures.Check(address));
}
