namespace ChatSphere.Web.Infrastructure;

public static class AuthPolicies
{
    /// <summary>The JSON API: bearer tokens only, never the site's cookie.</summary>
    public const string Api = "Api";

    /// <summary>Signed-in Admins, by cookie (the Hangfire dashboard).</summary>
    public const string Admin = "Admin";
}
