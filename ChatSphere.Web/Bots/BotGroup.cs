using ChatSphere.Web.Auth;

namespace ChatSphere.Web.Bots;

public static class BotGroup
{
    /// <summary>
    /// The one group every <c>/api/v1/bots/{botId}/…</c> route is mapped on: bearer callers only, and only for their own
    /// bot (<see cref="BotOwnerRequirement"/>); handlers read it with <see cref="OwnedBotExtensions.Bot"/>. Handlers still
    /// take <c>Guid botId</c> even when they do not use it: the OpenAPI document lists only path parameters a handler binds.
    /// </summary>
    public static RouteGroupBuilder MapBotGroup(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/bots/{" + BotOwnerRequirement.RouteValue + ":guid}")
            .RequireAuthorization(AuthPolicies.Api, AuthPolicies.BotOwner);
        // Every route here can answer the check's 404, whether or not its handler has a NotFound of its own.
        group.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status404NotFound, typeof(void)));
        return group;
    }
}
