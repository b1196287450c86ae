namespace ChatSphere.Core.Domain;

/// <summary>One bot's widget traffic on one UTC day, for its daily token budget.</summary>
public sealed class BotUsage
{
    public Guid BotId { get; set; }

    public DateOnly Day { get; set; }

    public long Tokens { get; set; }

    public int Messages { get; set; }
}
