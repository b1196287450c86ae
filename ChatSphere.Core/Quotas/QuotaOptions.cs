using System.ComponentModel.DataAnnotations;

namespace ChatSphere.Core.Quotas;

/// <summary>
/// Every account's limits unless an Admin set its own (<c>Quotas__*</c>). <see cref="QuotaLimits.Unlimited"/> (-1)
/// lifts a limit; 0 allows nothing.
/// </summary>
public sealed class QuotaOptions
{
    public const string SectionName = "Quotas";

    private const string Max = "9223372036854775807";

    /// <summary>Chat messages a minute (a clock minute, UTC), all channels and bots of the account together.</summary>
    [Range(typeof(long), "-1", Max)]
    public long MessagesPerMinute { get; set; } = 20;

    /// <summary>Chat messages a UTC day, all channels together.</summary>
    [Range(typeof(long), "-1", Max)]
    public long MessagesPerDay { get; set; } = 1000;

    /// <summary>Model tokens (input and output, every model call of a turn) a UTC day; a turn starts only while some remain.</summary>
    [Range(typeof(long), "-1", Max)]
    public long TokensPerDay { get; set; } = 1_000_000;

    /// <summary>Documents across the account's bots.</summary>
    [Range(typeof(long), "-1", Max)]
    public long Documents { get; set; } = 1000;

    /// <summary>Bytes of the documents' originals across the account's bots.</summary>
    [Range(typeof(long), "-1", Max)]
    public long StoredBytes { get; set; } = 1024L * 1024 * 1024;

    [Range(typeof(long), "-1", Max)]
    public long Bots { get; set; } = 25;

    public QuotaLimits Limits => new(MessagesPerMinute, MessagesPerDay, TokensPerDay, Documents, StoredBytes, Bots);
}
