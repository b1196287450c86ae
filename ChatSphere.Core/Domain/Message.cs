namespace ChatSphere.Core.Domain;

public sealed class Message
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ConversationId { get; set; }

    public Conversation? Conversation { get; set; }

    public MessageRole Role { get; set; }

    public required string Content { get; set; }

    public List<Citation> Citations { get; set; } = [];

    public int? InputTokens { get; set; }

    public int? OutputTokens { get; set; }

    /// <summary>Milliseconds from request to the last token.</summary>
    public int? LatencyMs { get; set; }

    public MessageFeedback? Feedback { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
