using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace ChatSphere.Web.Bots;

/// <summary>
/// Another owner's bot looks exactly like a missing one: a failed <see cref="BotOwnerRequirement"/> answers a bare 404,
/// which status code pages turn into problem details on the API and the error page on the site, as a handler's
/// NotFound() is. Every other outcome (401 challenge, 403) is the framework's.
/// </summary>
public sealed class BotNotFoundResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<BotOwnerRequirement>().Any() == true)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
