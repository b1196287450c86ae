using ChatSphere.Core.Bots;
using ChatSphere.Web.Auth;
using Microsoft.AspNetCore.Authorization;

namespace ChatSphere.Web.Bots;

/// <summary>
/// Loads the caller's bot that the route names, in one query, and keeps it for the handler (<see cref="OwnedBotExtensions.Bot"/>).
/// The resource is the request: with endpoint routing the authorization middleware passes the <see cref="HttpContext"/>.
/// </summary>
public sealed class BotOwnerHandler(BotService bots) : AuthorizationHandler<BotOwnerRequirement, HttpContext>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, BotOwnerRequirement requirement, HttpContext http)
    {
        if (http.GetRouteValue(BotOwnerRequirement.RouteValue) is not { } value)
        {
            // Only the bots list names no bot (it lists the caller's own); anything else without a bot id is refused.
            if (http.GetEndpoint()?.Metadata.GetMetadata<NamesNoBot>() is not null)
            {
                context.Succeed(requirement);
            }

            return;
        }

        // Anonymous callers are challenged by the policy's authenticated-user requirement (401 or the login page).
        if (context.User.Identity?.IsAuthenticated != true || !Guid.TryParse(value.ToString(), out var botId))
        {
            return;
        }

        if (await bots.FindAsync(context.User.GetUserId(), botId, http.RequestAborted) is { } bot)
        {
            http.Features.Set(new OwnedBotFeature(bot));
            context.Succeed(requirement);
        }
    }
}
