namespace ChatSphere.Web.Auth;

public static class AuthPolicies
{
    /// <summary>The JSON API and /v1: a bearer JWT or API key (<see cref="ApiSchemes.Bearer"/>), never the site's cookie.</summary>
    public const string Api = "Api";

    /// <summary>
    /// The bot the route names (<c>botId</c>) is the caller's, else 404: the bot API group and the pages under /Bots.
    /// </summary>
    public const string BotOwner = "BotOwner";

    /// <summary>Signed-in Admins, by cookie (the Hangfire dashboard).</summary>
    public const string Admin = "Admin";
}
