namespace ChatSphere.Core.Domain;

public sealed class Conversation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid BotId { get; set; }

    public Bot? Bot { get; set; }

    /// <summary>The signed-in user, or null for an anonymous widget visitor.</summary>
    public string? UserId { get; set; }

    /// <summary>The anonymous visitor's id (from the widget's localStorage).</summary>
    public string? VisitorId { get; set; }

    public ConversationChannel Channel { get; set; }

    public string Title { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;

    public List<Message> Messages { get; set; } = [];
}
