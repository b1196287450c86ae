using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatSphere.Core.Domain;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.IntegrationTests.Auth;

[Collection(AuthCollection.Name)]
public sealed class TokenEndpointTests(AuthFactory app)
{
    [Fact]
    public async Task Five_wrong_api_passwords_lock_neither_the_login_page_nor_the_api_key()
    {
        var email = await SignIns.ConfirmedOwnerAsync(app);
        using var owner = await Accounts.BrowserAsync(app, email);
        using var keyClient = await ApiKeys.ClientAsync(app, owner);
        using var client = SignIns.Client(app);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await SignIns.AssertProblemAsync(await SignIns.TokenAsync(client, email, "Wrong-Passw0rd!"), HttpStatusCode.Unauthorized, "Invalid credentials");
        }

        var user = await SignIns.FindAsync(app, email);
        Assert.Equal(0, user.AccessFailedCount);
        Assert.Null(user.LockoutEnd);
        Assert.Equal(HttpStatusCode.OK, (await keyClient.GetAsync("/api/v1/bots")).StatusCode);
        using var browser = app.CreateBrowser();
        var login = await browser.LoginAsync(email, Accounts.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await SignIns.TokenAsync(client, email, Accounts.Password)).StatusCode);
    }

    [Fact]
    public async Task Failed_sign_ins_are_limited_per_address_with_429_and_Retry_After_and_successes_do_not_count()
    {
        var email = await SignIns.ConfirmedOwnerAsync(app);
        using var attacker = SignIns.Client(app);
        for (var attempt = 1; attempt <= AuthFactory.FailedSignInsPerAddress; attempt++)
        {
            await SignIns.AssertProblemAsync(await SignIns.TokenAsync(attacker, email, "Wrong-Passw0rd!"), HttpStatusCode.Unauthorized, "Invalid credentials");
        }

        // Refused before any password is hashed, whatever the password.
        var unhashed = $"Never-hashed-{Guid.NewGuid():N}";
        var refused = await SignIns.TokenAsync(attacker, email, unhashed);
        var problem = await SignIns.AssertProblemAsync(refused, HttpStatusCode.TooManyRequests, "Too many failed sign-ins");
        Assert.Contains($"{AuthFactory.FailedSignInsPerAddress} failed sign-ins per 5 minutes", problem.GetProperty("detail").GetString());
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retryAfter, 1, 5 * 60);
        Assert.Empty(app.Services.GetRequiredService<VerifiedPasswords>().HashesFor(unhashed));
        await SignIns.AssertProblemAsync(await SignIns.TokenAsync(attacker, email, Accounts.Password), HttpStatusCode.TooManyRequests, "Too many failed sign-ins");

        // The owner, elsewhere, is not affected, and signs in more often than the limit.
        using var ownersClient = SignIns.Client(app);
        for (var attempt = 0; attempt <= AuthFactory.FailedSignInsPerAddress; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignIns.TokenAsync(ownersClient, email, Accounts.Password)).StatusCode);
        }
    }

    [Fact]
    public async Task Unknown_and_known_emails_get_the_same_answer_after_the_same_hash_work()
    {
        var known = await SignIns.ConfirmedOwnerAsync(app);
        var unknown = Accounts.NewEmail("nobody");
        var (knownPassword, unknownPassword) = ($"Wrong-{Guid.NewGuid():N}", $"Wrong-{Guid.NewGuid():N}");
        using var client = SignIns.Client(app);

        var knownAnswer = await SignIns.TokenAsync(client, known, knownPassword);
        var unknownAnswer = await SignIns.TokenAsync(client, unknown, unknownPassword);

        Assert.Equal(knownAnswer.StatusCode, unknownAnswer.StatusCode);
        Assert.Equal(knownAnswer.Content.Headers.ContentType, unknownAnswer.Content.Headers.ContentType);
        Assert.Equal(await WithoutTraceIdAsync(knownAnswer), await WithoutTraceIdAsync(unknownAnswer));

        // Each password went through one PBKDF2 verification, against hashes of the same cost.
        var verified = app.Services.GetRequiredService<VerifiedPasswords>();
        var knownHash = Assert.Single(verified.HashesFor(knownPassword));
        var decoyHash = Assert.Single(verified.HashesFor(unknownPassword));
        Assert.NotEqual(knownHash, decoyHash);
        Assert.Equal(HashHeader(knownHash), HashHeader(decoyHash));
    }

    [Fact]
    public async Task Accounts_an_admin_locked_or_not_yet_confirmed_get_no_token_and_their_keys_stop()
    {
        using var client = SignIns.Client(app);
        var locked = await SignIns.ConfirmedOwnerAsync(app);
        await SignIns.ChangeUserAsync(app, locked, (users, user) => users.SetLockoutEndDateAsync(user, AccountLock.Indefinite));
        await SignIns.AssertProblemAsync(await SignIns.TokenAsync(client, locked, Accounts.Password), HttpStatusCode.Unauthorized, "Account locked");
        // Without the password, a locked account looks like any other.
        await SignIns.AssertProblemAsync(await SignIns.TokenAsync(client, locked, "Wrong-Passw0rd!"), HttpStatusCode.Unauthorized, "Invalid credentials");

        // An account waiting for an Admin's approval (sign-up mode Approval), with a key made before it was put back to wait.
        var unconfirmed = await Accounts.CreateOwnerAsync(app);
        using var browser = await Accounts.BrowserAsync(app, unconfirmed);
        using var keyClient = await ApiKeys.ClientAsync(app, browser);
        await SignIns.ChangeUserAsync(app, unconfirmed, async (users, user) =>
        {
            user.AwaitingApprovalSince = DateTimeOffset.UtcNow;
            return await users.UpdateAsync(user);
        });
        await SignIns.AssertProblemAsync(await SignIns.TokenAsync(client, unconfirmed, Accounts.Password), HttpStatusCode.Unauthorized, "Sign-in not allowed");
        var refused = await keyClient.GetAsync("/api/v1/bots");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("approval", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    /// <summary>The body as sent, less the request's own trace id.</summary>
    private static async Task<string> WithoutTraceIdAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.True(body.Remove("traceId"));
        return body.ToJsonString();
    }

    /// <summary>Identity v3 hash: format marker, PRF, iteration count and salt length, ahead of salt and subkey.</summary>
    private static string HashHeader(string hash) => Convert.ToHexString(Convert.FromBase64String(hash).AsSpan(0, 13));
}
