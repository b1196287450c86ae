using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChatSphere.IntegrationTests.Infrastructure;
using ChatSphere.Web.Auth;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.IntegrationTests;

/// <summary>
/// DataProtection:Certificate: a site that ran without it is restarted with it, then again. The certificate is made
/// here and written to a temporary file, never checked in.
/// </summary>
public sealed class KeyEncryptionTests(ChatSphereFactory app) : IClassFixture<ChatSphereFactory>, IDisposable
{
    private const string Password = "pfx-Passw0rd!";
    private readonly string _pfx = WriteCertificate();

    [Fact]
    public async Task With_a_certificate_stored_keys_are_encrypted_and_old_cookies_and_tokens_still_work_after_restarts()
    {
        // Before: the keys are stored as ASP.NET Core and ChatSphere store them by default, readable.
        var email = await Accounts.CreateOwnerAsync(app);
        var cookie = await SignInCookieAsync(app, email);
        var token = await Accounts.TokenAsync(app, email);
        var (keyXml, jwtSecret) = await StoredKeysAsync();
        Assert.All(keyXml, xml => Assert.Contains("<masterKey", xml));
        var signingKey = Convert.ToBase64String(app.Services.GetRequiredService<JwtKeyRing>().Key.Key);
        Assert.Equal(signingKey, jwtSecret);

        // Restarted with the certificate: the same keys, now unreadable where they are stored.
        await using (var encrypted = await StartAsync(("DataProtection:Certificate", _pfx), ("DataProtection:CertificatePassword", Password)))
        {
            (keyXml, jwtSecret) = await StoredKeysAsync();
            Assert.All(keyXml, xml =>
            {
                Assert.DoesNotContain("<masterKey", xml);
                Assert.DoesNotContain("<value>", xml);
                Assert.Contains("EncryptedData", xml);
            });
            Assert.DoesNotContain(signingKey, jwtSecret);
            Assert.StartsWith("protected:", jwtSecret);
            Assert.Equal(signingKey, Convert.ToBase64String(encrypted.Services.GetRequiredService<JwtKeyRing>().Key.Key));

            await AssertSignedInAsync(encrypted, cookie, token, email);
        }

        // And again: encrypted keys are read back with the certificate; nothing is re-encrypted twice.
        await using var restarted = await StartAsync(("DataProtection:Certificate", _pfx), ("DataProtection:CertificatePassword", Password));
        var (keyXmlAfter, jwtSecretAfter) = await StoredKeysAsync();
        Assert.Equal(keyXml, keyXmlAfter);
        Assert.Equal(jwtSecret, jwtSecretAfter);
        await AssertSignedInAsync(restarted, cookie, token, email);
        await AssertSignedInAsync(restarted, await SignInCookieAsync(restarted, email), await Accounts.TokenAsync(restarted, email), email);
    }

    [Theory]
    [InlineData("missing", Password, "there is no file at")]
    [InlineData("certificate", "wrong password", "DataProtection:CertificatePassword")]
    public async Task A_certificate_that_cannot_be_read_stops_the_start_with_the_key_and_the_fix(string file, string password, string reason)
    {
        var path = file == "missing" ? Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.pfx") : _pfx;
        await using var factory = new ChatSphereFactory
        {
            ConnectionString = app.DatabaseConnectionString,
            With = [("DataProtection:Certificate", path), ("DataProtection:CertificatePassword", password)],
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ((IAsyncLifetime)factory).InitializeAsync());
        Assert.StartsWith("DataProtection:Certificate:", error.Message);
        Assert.Contains(reason, error.Message);
        Assert.Contains("remove DataProtection:Certificate to keep", error.Message);
    }

    public void Dispose() => File.Delete(_pfx);

    private async Task<ChatSphereFactory> StartAsync(params (string Key, string Value)[] settings)
    {
        var factory = new ChatSphereFactory { ConnectionString = app.DatabaseConnectionString, With = settings };
        await ((IAsyncLifetime)factory).InitializeAsync();
        return factory;
    }

    private async Task<(List<string> KeyXml, string JwtSecret)> StoredKeysAsync()
    {
        await using var scope = app.CreateScope();
        var db = app.Db(scope);
        var keys = await db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml!).ToListAsync();
        Assert.NotEmpty(keys);
        return (keys, (await db.AppSecrets.AsNoTracking().SingleAsync(s => s.Name == "jwt-signing-key")).Value);
    }

    private static async Task<string> SignInCookieAsync(ChatSphereFactory factory, string email) =>
        string.Join("; ", (await Accounts.SignInCookiesAsync(factory, email)).Select(header => header.Split(';')[0]));

    private static async Task AssertSignedInAsync(ChatSphereFactory factory, string cookie, string token, string email)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var page = new HttpRequestMessage(HttpMethod.Get, "/Bots");
        page.Headers.Add("Cookie", cookie);
        using var pageResponse = await client.SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, pageResponse.StatusCode);
        Assert.Contains(email, await pageResponse.Content.ReadAsStringAsync());

        using var api = new HttpRequestMessage(HttpMethod.Get, "/api/v1/bots");
        api.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var apiResponse = await client.SendAsync(api);
        Assert.Equal(HttpStatusCode.OK, apiResponse.StatusCode);
    }

    /// <summary>A fresh self-signed RSA certificate with its private key, as a password-protected PFX in the temp folder.</summary>
    private static string WriteCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=ChatSphere key encryption (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = Path.Combine(Path.GetTempPath(), $"chatsphere-keys-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }
}
