using ChatSphere.Core.Domain;

namespace ChatSphere.Core.Conversations;

/// <summary>A conversation in a list: the API's and the Conversations page's row.</summary>
public sealed record ConversationSummary(
    Guid Id, string Title, ConversationChannel Channel, string? VisitorId, int MessageCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
