namespace ChatSphere.Core.Domain;

/// <summary>
/// One account's chat on one UTC day, on every channel: messages and model tokens, and the messages of the current
/// minute (a minute never spans two days, so it lives in the day's row and one statement checks and counts all).
/// </summary>
public sealed class AccountUsage
{
    public required string UserId { get; set; }

    public DateOnly Day { get; set; }

    public int Messages { get; set; }

    public long Tokens { get; set; }

    /// <summary>The minute of the day (0 to 1439) that <see cref="MinuteMessages"/> counts.</summary>
    public int Minute { get; set; }

    public int MinuteMessages { get; set; }
}
