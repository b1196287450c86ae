using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.IntegrationTests.Infrastructure;
using OtpNet;

namespace ChatSphere.IntegrationTests.Auth;

[Collection(AuthCollection.Name)]
public sealed class TwoFactorTokenTests(AuthFactory app)
{
    [Fact]
    public async Task A_two_factor_account_gets_a_token_only_with_a_valid_authenticator_code()
    {
        var email = await SignIns.ConfirmedOwnerAsync(app);
        var (key, _) = await SignIns.EnableTwoFactorAsync(app, email);
        using var client = SignIns.Client(app);
        // The owner's authenticator app: RFC 6238 with SHA-1, 30 s steps, 6 digits, the key shown as base32.
        var authenticator = new Totp(Base32Encoding.ToBytes(key));

        await SignIns.AssertProblemAsync(await SignIns.TokenAsync(client, email, Accounts.Password), HttpStatusCode.Unauthorized, "Two-factor code required");
        await SignIns.AssertProblemAsync(await SignIns.TokenAsync(client, email, Accounts.Password, NotACurrentCode(authenticator)), HttpStatusCode.Unauthorized, "Invalid two-factor code");
        // A right code never makes up for a wrong password.
        await SignIns.AssertProblemAsync(await SignIns.TokenAsync(client, email, "Wrong-Passw0rd!", authenticator.ComputeTotp()), HttpStatusCode.Unauthorized, "Invalid credentials");

        var signedIn = await SignIns.TokenAsync(client, email, Accounts.Password, authenticator.ComputeTotp());
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", (await signedIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/bots")).StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_gets_a_token_once()
    {
        var email = await SignIns.ConfirmedOwnerAsync(app);
        var (_, recoveryCodes) = await SignIns.EnableTwoFactorAsync(app, email);
        using var client = SignIns.Client(app);

        Assert.Equal(HttpStatusCode.OK, (await SignIns.TokenAsync(client, email, Accounts.Password, recoveryCodes[0])).StatusCode);
        await SignIns.AssertProblemAsync(await SignIns.TokenAsync(client, email, Accounts.Password, recoveryCodes[0]), HttpStatusCode.Unauthorized, "Invalid two-factor code");
        Assert.Equal(HttpStatusCode.OK, (await SignIns.TokenAsync(client, email, Accounts.Password, recoveryCodes[1])).StatusCode);
    }

    /// <summary>A six-digit code the authenticator does not show anywhere near now (Identity accepts ±2 steps).</summary>
    private static string NotACurrentCode(Totp authenticator)
    {
        var now = DateTime.UtcNow;
        var near = Enumerable.Range(-4, 9).Select(step => authenticator.ComputeTotp(now.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 10).Select(n => n.ToString("D6")).First(code => !near.Contains(code));
    }
}
