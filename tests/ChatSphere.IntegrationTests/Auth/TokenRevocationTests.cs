using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.Core.Domain;
using ChatSphere.IntegrationTests.Infrastructure;

namespace ChatSphere.IntegrationTests.Auth;

/// <summary>Existing JWTs and other browsers follow the account within the stamp cache (2 s here, 30 s by default).</summary>
[Collection(AuthCollection.Name)]
public sealed class TokenRevocationTests(AuthFactory app)
{
    private static readonly TimeSpan Deadline = AuthFactory.StampCache + TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Changing_the_password_ends_existing_tokens_and_a_new_token_works_at_once()
    {
        var email = await SignIns.ConfirmedOwnerAsync(app);
        using var old = await BearerAsync(email, Accounts.Password);
        using var browser = await Accounts.BrowserAsync(app, email);

        const string newPassword = "New-Passw0rd!";
        var changed = await browser.SubmitAsync("/Identity/Account/Manage/ChangePassword", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = Accounts.Password,
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        // A token made now is good even while the old stamp may still be cached.
        using var renewed = await BearerAsync(email, newPassword);
        Assert.Equal(HttpStatusCode.OK, (await renewed.GetAsync("/api/v1/bots")).StatusCode);
        await RefusedWithinDeadlineAsync(old);
        var refused = await old.GetAsync("/api/v1/bots");
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        // The browser that changed it was signed in again with the new stamp.
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/Bots")).StatusCode);
    }

    [Fact]
    public async Task An_admin_lock_ends_existing_tokens_and_api_keys_and_an_unlock_restores_the_keys()
    {
        var email = await SignIns.ConfirmedOwnerAsync(app);
        using var jwt = await BearerAsync(email, Accounts.Password);
        using var owner = await Accounts.BrowserAsync(app, email);
        using var key = await ApiKeys.ClientAsync(app, owner);

        // What the Admin users page does to lock an account.
        await SignIns.ChangeUserAsync(app, email, (users, user) => users.SetLockoutEndDateAsync(user, AccountLock.Indefinite));
        await SignIns.ChangeUserAsync(app, email, (users, user) => users.UpdateSecurityStampAsync(user));

        var keyRefused = await key.GetAsync("/api/v1/bots");
        Assert.Equal(HttpStatusCode.Unauthorized, keyRefused.StatusCode);
        Assert.Contains("administrator has locked", (await keyRefused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        await RefusedWithinDeadlineAsync(jwt);
        // The OpenAI-compatible routes answer in OpenAI's error shape.
        var openAi = await jwt.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.Unauthorized, openAi.StatusCode);
        Assert.Equal("invalid_api_key", (await openAi.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString());

        await SignIns.ChangeUserAsync(app, email, (users, user) => users.SetLockoutEndDateAsync(user, null));
        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/api/v1/bots")).StatusCode);
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_tokens_and_every_browser_session()
    {
        var email = await SignIns.ConfirmedOwnerAsync(app);
        using var jwt = await BearerAsync(email, Accounts.Password);
        using var here = await Accounts.BrowserAsync(app, email);
        using var elsewhere = await Accounts.BrowserAsync(app, email);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.Http.GetAsync("/Bots")).StatusCode);
        Assert.Contains("Sign out everywhere", await here.GetPageAsync("/Identity/Account/Manage"));

        var signedOut = await here.SubmitAsync("/Identity/Account/Manage/SignOutEverywhere", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", signedOut.Headers.Location!.OriginalString);
        Assert.True(IsSentToLogin(await here.Http.GetAsync("/Bots")));

        await RefusedWithinDeadlineAsync(jwt);
        await WithinDeadlineAsync(async () => IsSentToLogin(await elsewhere.Http.GetAsync("/Bots")), "the other browser is still signed in");
        // Signing in again works as before.
        using var again = SignIns.Client(app);
        Assert.Equal(HttpStatusCode.OK, (await SignIns.TokenAsync(again, email, Accounts.Password)).StatusCode);
    }

    private async Task<HttpClient> BearerAsync(string email, string password)
    {
        var client = SignIns.Client(app);
        var response = await SignIns.TokenAsync(client, email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/bots")).StatusCode);
        return client;
    }

    private static Task RefusedWithinDeadlineAsync(HttpClient client) =>
        WithinDeadlineAsync(async () => (await client.GetAsync("/api/v1/bots")).StatusCode == HttpStatusCode.Unauthorized,
            "the old token still opens the API");

    private static async Task WithinDeadlineAsync(Func<Task<bool>> done, string failure)
    {
        var clock = Stopwatch.StartNew();
        while (!await done())
        {
            Assert.True(clock.Elapsed < Deadline, $"After {clock.Elapsed.TotalSeconds:F1} s {failure}.");
            await Task.Delay(200);
        }
    }

    private static bool IsSentToLogin(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect
        && response.Headers.Location!.OriginalString.Contains("/Identity/Account/Login", StringComparison.Ordinal);
}
