using System.Net;
using ChatSphere.Core.Domain;
using ChatSphere.IntegrationTests.Infrastructure;
using ChatSphere.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatSphere.IntegrationTests;

[Collection(AppCollection.Name)]
public sealed class AccountTests(ChatSphereFactory app)
{
    /// <summary>The one test of the register page: every other test seeds its owners (<see cref="Accounts"/>).</summary>
    [Fact]
    public async Task Register_log_out_and_log_in_again()
    {
        using var browser = app.CreateBrowser();
        var email = Accounts.NewEmail();

        await browser.RegisterAsync(email, Accounts.Password);
        Assert.Contains(email, await browser.GetPageAsync("/Bots"));
        await using (var scope = app.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.Equal([Roles.User], await users.GetRolesAsync((await users.FindByEmailAsync(email))!));
        }

        var loggedOut = await browser.LogoutAsync();
        Assert.Equal(HttpStatusCode.Redirect, loggedOut.StatusCode);
        var afterLogout = await browser.Http.GetAsync("/Bots");
        Assert.Equal(HttpStatusCode.Redirect, afterLogout.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", afterLogout.Headers.Location!.PathAndQuery);

        var login = await browser.LoginAsync(email, Accounts.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Contains(email, await browser.GetPageAsync("/Bots"));
    }

    [Fact]
    public async Task New_accounts_get_the_User_role_and_a_strong_password_hash()
    {
        // UserManager, as the register page and the admin seeding call it (the page itself: the test above).
        var email = Accounts.NewEmail();
        await using var scope = app.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True((await users.CreateAsync(new AppUser { UserName = email, Email = email }, Accounts.Password)).Succeeded);
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        Assert.Equal([Roles.User], await users.GetRolesAsync(user));

        // Identity v3 hash: format marker, PRF, then the iteration count big-endian.
        var hash = Convert.FromBase64String(user.PasswordHash!);
        Assert.Equal(0x01, hash[0]);
        var iterations = (hash[5] << 24) | (hash[6] << 16) | (hash[7] << 8) | hash[8];
        Assert.True(iterations >= 210_000, $"PBKDF2 iterations: {iterations}");
    }

    [Fact]
    public async Task Login_post_without_antiforgery_token_is_rejected()
    {
        using var browser = app.CreateBrowser();
        var response = await browser.Http.PostAsync("/Identity/Account/Login", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["Input.Email"] = ChatSphereFactory.AdminEmail, ["Input.Password"] = ChatSphereFactory.AdminPassword }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("chatsphere.auth")));
    }

    [Fact]
    public async Task Five_failed_logins_lock_the_account_even_for_the_right_password()
    {
        using var browser = app.CreateBrowser();
        var email = await Accounts.CreateOwnerAsync(app);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var failed = await browser.LoginAsync(email, "Wrong-Passw0rd!");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            Assert.Contains("Invalid login attempt.", await failed.Content.ReadAsStringAsync());
        }

        var fifth = await browser.LoginAsync(email, "Wrong-Passw0rd!");
        Assert.Equal(HttpStatusCode.Redirect, fifth.StatusCode);
        Assert.Equal("/Identity/Account/Lockout", fifth.Headers.Location!.OriginalString);

        var right = await browser.LoginAsync(email, Accounts.Password);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/Identity/Account/Lockout", right.Headers.Location!.OriginalString);
        var stillAnonymous = await browser.Http.GetAsync("/Bots");
        Assert.Equal(HttpStatusCode.Redirect, stillAnonymous.StatusCode);
    }

    [Fact]
    public void By_default_other_sessions_follow_an_account_change_within_a_minute()
    {
        // Cookies: Identity re-reads the security stamp this often; JWTs: TokenStamps caches it this long.
        Assert.Equal(TimeSpan.FromMinutes(1), app.Services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value.ValidationInterval);
        Assert.Equal(30, app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.SecurityStampCacheSeconds);
    }

    [Fact]
    public async Task Admin_account_comes_from_the_environment_with_the_Admin_role()
    {
        await using var scope = app.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = await users.FindByEmailAsync(ChatSphereFactory.AdminEmail);
        Assert.NotNull(admin);
        Assert.True(await users.IsInRoleAsync(admin, Roles.Admin));
    }

    [Fact]
    public async Task Profile_keeps_display_name_time_zone_and_avatar_and_rejects_a_fake_image()
    {
        var email = await Accounts.CreateOwnerAsync(app);
        using var browser = await Accounts.BrowserAsync(app, email);

        var saved = await browser.SubmitAsync("/Identity/Account/Manage", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Ada Owner",
            ["Input.TimeZone"] = "Europe/Paris",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await browser.GetPageAsync("/Identity/Account/Manage");
        Assert.Contains("value=\"Ada Owner\"", page);
        Assert.Contains("<option selected=\"selected\" value=\"Europe/Paris\">", page);

        var fake = await PostAvatarAsync(browser, "not an image"u8.ToArray());
        Assert.Equal(HttpStatusCode.OK, fake.StatusCode);
        Assert.Contains("must be a PNG, JPEG, GIF or WebP image", await fake.Content.ReadAsStringAsync());

        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];
        Assert.Equal(HttpStatusCode.Redirect, (await PostAvatarAsync(browser, png)).StatusCode);
        var avatar = await browser.Http.GetAsync("/Identity/Account/Manage?handler=Avatar");
        Assert.Equal("image/png", avatar.Content.Headers.ContentType!.MediaType);
        Assert.Equal(png, await avatar.Content.ReadAsByteArrayAsync());

        await using var scope = app.CreateScope();
        var db = app.Db(scope);
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var profile = await db.UserProfiles.SingleAsync(p => p.UserId == userId);
        Assert.Equal("Europe/Paris", profile.TimeZone);
    }

    private static async Task<HttpResponseMessage> PostAvatarAsync(BrowserClient browser, byte[] bytes)
    {
        var token = await browser.AntiforgeryTokenAsync("/Identity/Account/Manage");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Ada Owner"), "Input.DisplayName" },
            { new StringContent("Europe/Paris"), "Input.TimeZone" },
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes), "Input.Avatar", "me.png" },
        };
        return await browser.Http.PostAsync("/Identity/Account/Manage", form);
    }
}
