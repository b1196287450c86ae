namespace ChatSphere.Web.Auth;

public static class AuthPolicies
{
    /// <summary>The JSON API and /v1: a bearer JWT or API key (<see cref="ApiSchemes.Bearer"/>), never the site's cookie.</summary>
    public const string Api = "Api";

    /// <summary>Signed-in Admins, by cookie (the Hangfire dashboard).</summary>
    public const string Admin = "Admin";
}
