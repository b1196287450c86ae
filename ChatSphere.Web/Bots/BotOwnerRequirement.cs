using Microsoft.AspNetCore.Authorization;

namespace ChatSphere.Web.Bots;

/// <summary>
/// The bot a route names in its <c>botId</c> value belongs to the caller. Required by the bot API group
/// (<see cref="BotGroup.MapBotGroup"/>) and by every page under /Bots, it is checked by the authorization middleware, so
/// before body binding, antiforgery and the handler; failing it answers 404 (<see cref="BotNotFoundResultHandler"/>).
/// </summary>
public sealed class BotOwnerRequirement : IAuthorizationRequirement
{
    public const string RouteValue = "botId";
}
