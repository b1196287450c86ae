namespace ChatSphere.Agents.Chat;

/// <summary>The answer, stored as message <paramref name="MessageId"/> of conversation <paramref name="ConversationId"/>.</summary>
public sealed record ChatSaved(Guid ConversationId, Guid MessageId, ChatCompleted Answer) : ChatUpdate;
