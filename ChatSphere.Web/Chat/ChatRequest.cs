namespace ChatSphere.Web.Chat;

/// <summary>A question; or, with <c>regenerate: true</c> and a conversation, a new answer to that conversation's last question.</summary>
public sealed record ChatRequest(string? Message, Guid? ConversationId, bool? Regenerate = null);
