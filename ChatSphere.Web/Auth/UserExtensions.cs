using System.Security.Claims;

namespace ChatSphere.Web.Auth;

public static class UserExtensions
{
    /// <summary>
    /// The signed-in user's id: the claim Identity's cookie, the API key handler and the JWT handler (which maps
    /// <c>sub</c> to it) all carry. Only for endpoints and pages that require an authenticated user.
    /// </summary>
    public static string GetUserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("The user has no id claim; this endpoint must require an authenticated user.");
}
