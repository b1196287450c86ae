using System.Net;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.IntegrationTests;

/// <summary>A host of its own: the test starts and stops a second instance beside it.</summary>
public sealed class DataProtectionTests(ChatSphereFactory app) : IClassFixture<ChatSphereFactory>
{
    [Fact]
    public async Task A_second_instance_on_the_same_database_keeps_the_user_signed_in()
    {
        using var browser = app.CreateBrowser();
        var email = await Accounts.CreateOwnerAsync(app);
        var signedIn = await browser.LoginAsync(email, Accounts.Password);
        var cookie = string.Join("; ", signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        Assert.Contains("chatsphere.auth=", cookie);

        // Another process with its own memory: only the keys kept in PostgreSQL can decrypt the cookie.
        await using var second = new ChatSphereFactory { ConnectionString = app.DatabaseConnectionString };
        await ((IAsyncLifetime)second).InitializeAsync();
        using var client = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        var response = await client.GetAsync("/Bots");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(email, await response.Content.ReadAsStringAsync());

        await using var scope = app.CreateScope();
        Assert.True(await app.Db(scope).DataProtectionKeys.AnyAsync());
    }
}
