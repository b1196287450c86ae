namespace ChatSphere.Core.Domain;

/// <summary>
/// An Admin's overrides of one account's quotas. Null keeps the configured default; -1 is unlimited
/// (<see cref="Quotas.QuotaLimits.Unlimited"/>).
/// </summary>
public sealed class AccountQuota
{
    public required string UserId { get; set; }

    public long? MessagesPerMinute { get; set; }

    public long? MessagesPerDay { get; set; }

    public long? TokensPerDay { get; set; }

    public long? Documents { get; set; }

    public long? StoredBytes { get; set; }

    public long? Bots { get; set; }

    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
