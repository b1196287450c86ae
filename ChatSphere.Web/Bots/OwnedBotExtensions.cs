using ChatSphere.Core.Domain;

namespace ChatSphere.Web.Bots;

public static class OwnedBotExtensions
{
    /// <summary>
    /// The caller's bot named by the route, loaded (and tracked by the request's context) when the ownership check passed.
    /// Only for routes on <see cref="BotGroup.MapBotGroup"/> and pages under /Bots with a <c>{botId}</c> route value.
    /// </summary>
    public static Bot Bot(this HttpContext http) =>
        http.Features.Get<OwnedBotFeature>()?.Bot
        ?? throw new InvalidOperationException(
            "No bot was checked for this request: map the endpoint on MapBotGroup(), or give the page under /Bots a {botId} route value.");
}
