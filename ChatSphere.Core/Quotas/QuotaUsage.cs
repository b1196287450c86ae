namespace ChatSphere.Core.Quotas;

/// <summary>How much of one quota an account has used (today, for the daily ones; this minute, for the minute's).</summary>
public sealed record QuotaUsage(Quota Quota, long Used, long Limit);
