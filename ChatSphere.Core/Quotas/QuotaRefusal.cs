namespace ChatSphere.Core.Quotas;

/// <summary>A quota that refuses a request: which, its limit, when it renews (null for counts) and a sentence for the user.</summary>
public sealed record QuotaRefusal(Quota Quota, long Limit, TimeSpan? RetryAfter, string Message)
{
    /// <summary>Whole seconds for a <c>Retry-After</c> header (at least 1), or null.</summary>
    public int? RetryAfterSeconds => RetryAfter is { } wait ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : null;
}
