using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatSphere.Core.Domain;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.IntegrationTests;

[Collection(AppCollection.Name)]
public sealed class ApiKeyTests(ChatSphereFactory app)
{
    [Fact]
    public async Task A_new_key_is_shown_once_and_only_its_hash_is_stored()
    {
        var (browser, email) = await OwnerAsync();
        using var _ = browser;
        var manage = await browser.GetPageAsync("/Identity/Account/Manage");
        Assert.Contains($"href=\"{ApiKeys.PageUrl}\"", manage);
        Assert.DoesNotContain("External logins", manage); // the API's schemes are not sign-in providers

        var created = await browser.SubmitAsync(ApiKeys.PageUrl, new Dictionary<string, string> { ["Input.Name"] = "Nightly sync" }, ApiKeys.PageUrl + "?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var shown = await browser.Http.GetAsync(ApiKeys.PageUrl);
        Assert.True(shown.Headers.CacheControl!.NoStore);
        var key = ApiKeys.ShownKey().Match(await shown.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.StartsWith("csk_", key);

        // The redirect carried it in TempData's cookie, encrypted; the next view no longer shows it.
        Assert.DoesNotContain(created.Headers.GetValues("Set-Cookie"), cookie => cookie.Contains(key[4..], StringComparison.Ordinal));
        var later = await browser.GetPageAsync(ApiKeys.PageUrl);
        Assert.DoesNotContain(key[12..], later);
        Assert.Contains(key[..12], later);
        Assert.Contains("Nightly sync", later);

        await using var scope = app.CreateScope();
        var db = app.Db(scope);
        var userId = await UserIdAsync(db, email);
        var row = await db.ApiKeys.SingleAsync(k => k.UserId == userId);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(key)), row.Hash);
        var stored = await db.Database.SqlQuery<string>($"""SELECT row_to_json(k)::text AS "Value" FROM "ApiKeys" k""").ToListAsync();
        Assert.DoesNotContain(stored, text => text.Contains(key[12..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_key_acts_as_its_owner_and_records_its_last_use_at_most_once_a_minute()
    {
        var (browser, email) = await OwnerAsync();
        using var _ = browser;
        using var client = await ApiKeys.ClientAsync(app, browser);

        var created = await client.PostAsJsonAsync("/api/v1/bots", new { name = "Made with a key" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var botId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await using var scope = app.CreateScope();
        var db = app.Db(scope);
        var userId = await UserIdAsync(db, email);
        Assert.Equal(userId, await db.Bots.Where(b => b.Id == botId).Select(b => b.OwnerId).SingleAsync());
        var firstUse = await LastUsedAsync(db, userId);
        Assert.True(firstUse > DateTimeOffset.UtcNow.AddMinutes(-1), $"Last use {firstUse}");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/bots")).StatusCode);
        Assert.Equal(firstUse, await LastUsedAsync(db, userId));

        var aWhileAgo = DateTimeOffset.UtcNow.AddMinutes(-2);
        await db.ApiKeys.Where(k => k.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, aWhileAgo));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/bots")).StatusCode);
        Assert.True(await LastUsedAsync(db, userId) > aWhileAgo.AddMinutes(1));
        Assert.DoesNotContain(">Never<", await browser.GetPageAsync(ApiKeys.PageUrl));
    }

    [Fact]
    public async Task A_key_revoked_on_the_page_gets_401_and_only_its_owner_can_revoke_it()
    {
        var (browser, email) = await OwnerAsync();
        using var _ = browser;
        using var client = await ApiKeys.ClientAsync(app, browser);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/bots")).StatusCode);

        await using var scope = app.CreateScope();
        var db = app.Db(scope);
        var userId = await UserIdAsync(db, email);
        var keyId = await db.ApiKeys.Where(k => k.UserId == userId).Select(k => k.Id).SingleAsync();

        using var stranger = await Accounts.OwnerBrowserAsync(app, "stranger");
        var notTheirs = await stranger.SubmitAsync(ApiKeys.PageUrl, new Dictionary<string, string>(), $"{ApiKeys.PageUrl}?handler=Revoke&id={keyId}");
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/bots")).StatusCode);

        var revoked = await browser.SubmitAsync(ApiKeys.PageUrl, new Dictionary<string, string>(), $"{ApiKeys.PageUrl}?handler=Revoke&id={keyId}");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Contains("Revoked", await browser.GetPageAsync(ApiKeys.PageUrl));

        var refused = await client.GetAsync("/api/v1/bots");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.Contains("revoked", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        using var guesser = app.CreateClient();
        guesser.DefaultRequestHeaders.Authorization = new("Bearer", ApiKey.Create("nobody", "guess").Key);
        Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.GetAsync("/api/v1/bots")).StatusCode);
    }

    [Fact]
    public async Task A_key_survives_the_automatic_lockout_but_not_an_admins_lock_or_deleting_the_account()
    {
        var (browser, email) = await OwnerAsync();
        using var _ = browser;
        using var client = await ApiKeys.ClientAsync(app, browser);

        // Five wrong passwords on the login page: anyone who knows the email can do this, so keys keep working.
        using var stranger = app.CreateBrowser();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await stranger.LoginAsync(email, "Wrong-Passw0rd!");
        }

        await using var scope = app.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        Assert.True(await users.IsLockedOutAsync(user));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/bots")).StatusCode);

        await users.SetLockoutEndDateAsync(user, AccountLock.Indefinite);
        var locked = await client.GetAsync("/api/v1/bots");
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("locked", (await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        await users.SetLockoutEndDateAsync(user, null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/bots")).StatusCode);

        await users.DeleteAsync(user);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/bots")).StatusCode);
    }

    [Fact]
    public async Task The_page_refuses_a_key_past_the_limit_with_a_clear_error()
    {
        var (browser, email) = await OwnerAsync();
        using var _ = browser;
        await using var scope = app.CreateScope();
        var db = app.Db(scope);
        var userId = await UserIdAsync(db, email);
        db.ApiKeys.AddRange(Enumerable.Range(1, 20).Select(i => ApiKey.Create(userId, $"Key {i}").Row));
        await db.SaveChangesAsync();

        var refused = await browser.SubmitAsync(ApiKeys.PageUrl, new Dictionary<string, string> { ["Input.Name"] = "One more" }, ApiKeys.PageUrl + "?handler=Create");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("already have 20 active keys", await refused.Content.ReadAsStringAsync());
        Assert.Equal(20, await db.ApiKeys.CountAsync(k => k.UserId == userId));

        var unnamed = await browser.SubmitAsync(ApiKeys.PageUrl, new Dictionary<string, string> { ["Input.Name"] = "" }, ApiKeys.PageUrl + "?handler=Create");
        Assert.Contains("Name the key", await unnamed.Content.ReadAsStringAsync());
    }

    private async Task<(BrowserClient Browser, string Email)> OwnerAsync()
    {
        var email = await Accounts.CreateOwnerAsync(app);
        return (await Accounts.BrowserAsync(app, email), email);
    }

    private static Task<string> UserIdAsync(Core.Data.AppDbContext db, string email) =>
        db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();

    private static Task<DateTimeOffset?> LastUsedAsync(Core.Data.AppDbContext db, string userId) =>
        db.ApiKeys.AsNoTracking().Where(k => k.UserId == userId).Select(k => k.LastUsedAt).SingleAsync();
}
