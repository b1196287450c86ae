using System.Net;
using System.Text.RegularExpressions;
using ChatSphere.Core.Accounts;

namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>The Admin's pages driven as a browser would (the Admin is <see cref="ChatSphereFactory.AdminEmail"/>).</summary>
public static partial class AdminPages
{
    public const string SignUp = "/Admin/SignUp";
    public const string Users = "/Admin/Users";

    public static Task<BrowserClient> BrowserAsync(ChatSphereFactory app) => Accounts.BrowserAsync(app, ChatSphereFactory.AdminEmail);

    /// <summary>Invites <paramref name="email"/> on the admin page and returns the link it shows once (path and query).</summary>
    public static async Task<string> InviteAsync(BrowserClient admin, string email, int days = 7)
    {
        var response = await admin.SubmitAsync(SignUp, new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Days"] = days.ToString(),
        }, $"{SignUp}?handler=Invite");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var link = NewLink().Match(await admin.GetPageAsync(SignUp));
        Assert.True(link.Success, "The admin page shows no invitation link");
        return new Uri(WebUtility.HtmlDecode(link.Groups[1].Value)).PathAndQuery;
    }

    public static async Task SetModeAsync(BrowserClient admin, SignUpMode mode)
    {
        var response = await admin.SubmitAsync(SignUp, new Dictionary<string, string> { ["mode"] = mode.ToString() }, $"{SignUp}?handler=Mode");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Forgets the page's choice: the configuration decides again.</summary>
    public static async Task FollowConfigurationAsync(BrowserClient admin)
    {
        var response = await admin.SubmitAsync(SignUp, new Dictionary<string, string>(), $"{SignUp}?handler=Reset");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Posts an account action (Approve, Lock, Unlock) on the users page and returns the status it then shows.</summary>
    public static async Task<string> UserActionAsync(BrowserClient admin, string handler, string userId)
    {
        var response = await admin.SubmitAsync(Users, new Dictionary<string, string>(), $"{Users}?handler={handler}&userId={Uri.EscapeDataString(userId)}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return WebUtility.HtmlDecode(StatusAlert().Match(await admin.GetPageAsync(Users)).Groups[1].Value).Trim();
    }

    /// <summary>Posts the register form (a token from the login page, so it works when the register page shows no form).</summary>
    public static Task<HttpResponseMessage> RegisterAsync(BrowserClient browser, string url, string email, string password = Accounts.Password) =>
        browser.SubmitAsync("/Identity/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        }, url);

    [GeneratedRegex("id=\"new-invitation-link\" value=\"([^\"]+)\"")]
    private static partial Regex NewLink();

    [GeneratedRegex("<div class=\"alert [^\"]*\" role=\"status\">\\s*([^<]*)<")]
    private static partial Regex StatusAlert();
}
