using System.Globalization;

namespace ChatSphere.Core.Quotas;

/// <summary>Quotas in words, the same on every page and channel.</summary>
public static class QuotaText
{
    public static string Name(Quota quota) => quota switch
    {
        Quota.MessagesPerMinute => "Chat messages per minute",
        Quota.MessagesPerDay => "Chat messages per day",
        Quota.TokensPerDay => "Model tokens per day",
        Quota.Documents => "Documents",
        Quota.StoredBytes => "Stored document bytes",
        Quota.Bots => "Bots",
        _ => quota.ToString(),
    };

    /// <summary>"20 chat messages a minute", "1 GB of documents", "unlimited documents".</summary>
    public static string Limit(Quota quota, long limit) => quota switch
    {
        Quota.MessagesPerMinute => $"{Amount(quota, limit)} chat messages a minute",
        Quota.MessagesPerDay => $"{Amount(quota, limit)} chat messages a day",
        Quota.TokensPerDay => $"{Amount(quota, limit)} model tokens a day",
        Quota.Documents => $"{Amount(quota, limit)} documents",
        Quota.StoredBytes => $"{Amount(quota, limit)} of stored documents",
        Quota.Bots => $"{Amount(quota, limit)} bots",
        _ => Amount(quota, limit),
    };

    /// <summary>A number as the quota counts it: bytes in KB/MB/GB, others with thousands separators; -1 is "unlimited".</summary>
    public static string Amount(Quota quota, long value) => value switch
    {
        QuotaLimits.Unlimited => "unlimited",
        _ when quota != Quota.StoredBytes => value.ToString("N0", CultureInfo.InvariantCulture),
        < 1024 => $"{value} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{value / 1024.0:0.#} KB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{value / (1024 * 1024.0):0.#} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value / (1024 * 1024 * 1024.0):0.#} GB"),
    };

    /// <summary>"34 seconds", "5 minutes", "3 hours".</summary>
    public static string Wait(TimeSpan wait) => wait.TotalSeconds switch
    {
        < 90 => $"{Math.Max(1, Math.Ceiling(wait.TotalSeconds)):0} seconds",
        < 90 * 60 => $"{Math.Ceiling(wait.TotalMinutes):0} minutes",
        _ => $"{Math.Round(wait.TotalHours):0} hours",
    };
}
