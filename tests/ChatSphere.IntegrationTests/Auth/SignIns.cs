using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.Core.Domain;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.IntegrationTests.Auth;

/// <summary>Accounts and token requests for the sign-in tests, each from a client address of its own.</summary>
public static class SignIns
{
    private static int _lastPeer;

    /// <summary>A new account that may sign in, with its email confirmed as well.</summary>
    public static async Task<string> ConfirmedOwnerAsync(AuthFactory app)
    {
        var email = await Accounts.CreateOwnerAsync(app);
        await ChangeUserAsync(app, email, async (users, user) =>
        {
            user.EmailConfirmed = true;
            return await users.UpdateAsync(user);
        });
        return email;
    }

    /// <summary>A client whose requests come from an address no other client uses (198.18.0.0/15, for testing).</summary>
    public static HttpClient Client(ChatSphereFactory app)
    {
        var n = Interlocked.Increment(ref _lastPeer);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(TestPeer.Header, $"198.18.{n / 256}.{n % 256}");
        return client;
    }

    public static Task<HttpResponseMessage> TokenAsync(HttpClient client, string email, string password, string? twoFactorCode = null) =>
        client.PostAsJsonAsync("/api/v1/auth/token", new { email, password, twoFactorCode });

    /// <summary>Asserts a problem details answer with this status and title, and returns it.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string title)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(title, problem.GetProperty("title").GetString());
        return problem;
    }

    /// <summary>Turns on two-factor sign-in with an authenticator, as the Enable authenticator page does.</summary>
    public static async Task<(string AuthenticatorKey, string[] RecoveryCodes)> EnableTwoFactorAsync(ChatSphereFactory app, string email)
    {
        await using var scope = app.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
        Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        return ((await users.GetAuthenticatorKeyAsync(user))!, [.. codes!]);
    }

    public static async Task ChangeUserAsync(ChatSphereFactory app, string email, Func<UserManager<AppUser>, AppUser, Task<IdentityResult>> change)
    {
        await using var scope = app.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var result = await change(users, (await users.FindByEmailAsync(email))!);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    public static async Task<AppUser> FindAsync(ChatSphereFactory app, string email)
    {
        await using var scope = app.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!;
    }
}
