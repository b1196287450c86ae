using ChatSphere.Core.Domain;

namespace ChatSphere.Agents.Chat;

/// <summary>One question to a bot, with the conversation so far (oldest first).</summary>
public sealed record ChatTurn(Bot Bot, IReadOnlyList<(MessageRole Role, string Content)> History, string Message);
