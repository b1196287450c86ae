namespace ChatSphere.Core.Quotas;

/// <summary>One account's limits, each a number, 0 (nothing) or <see cref="Unlimited"/>.</summary>
public sealed record QuotaLimits(long MessagesPerMinute, long MessagesPerDay, long TokensPerDay, long Documents, long StoredBytes, long Bots)
{
    public const long Unlimited = -1;

    public long this[Quota quota] => quota switch
    {
        Quota.MessagesPerMinute => MessagesPerMinute,
        Quota.MessagesPerDay => MessagesPerDay,
        Quota.TokensPerDay => TokensPerDay,
        Quota.Documents => Documents,
        Quota.StoredBytes => StoredBytes,
        Quota.Bots => Bots,
        _ => throw new ArgumentOutOfRangeException(nameof(quota), quota, null),
    };

    /// <summary>These limits with an account's overrides on top (a null override keeps the default).</summary>
    public QuotaLimits With(Domain.AccountQuota? overrides) => overrides is null ? this : new(
        overrides.MessagesPerMinute ?? MessagesPerMinute,
        overrides.MessagesPerDay ?? MessagesPerDay,
        overrides.TokensPerDay ?? TokensPerDay,
        overrides.Documents ?? Documents,
        overrides.StoredBytes ?? StoredBytes,
        overrides.Bots ?? Bots);
}
