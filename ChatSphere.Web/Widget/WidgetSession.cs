namespace ChatSphere.Web.Widget;

/// <summary>
/// What a widget session token says: which bot, which visitor, for which site. A preview session is the owner trying
/// the widget on the bot page, on ChatSphere's own origin.
/// </summary>
public sealed record WidgetSession(Guid BotId, string VisitorId, string Origin, bool Preview, DateTimeOffset ExpiresAt);
