namespace ChatSphere.Agents.Chat;

/// <summary>Who asks: a bot's owner (a user id) or a widget visitor (a visitor id). A conversation is only its caller's.</summary>
public sealed record TurnCaller(string? UserId, string? VisitorId)
{
    public static TurnCaller Owner(string userId) => new(userId, null);

    public static TurnCaller Visitor(string visitorId) => new(null, visitorId);
}
