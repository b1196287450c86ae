using System.Runtime.CompilerServices;
using ChatSphere.Core.Domain;
using ChatSphere.Web.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>
/// Test owners, made by the host's own <see cref="UserManager{TUser}"/>, <see cref="SignInManager{TUser}"/> and
/// <see cref="TokenService"/>. The register and login pages are tested where they are the subject (AccountTests).
/// </summary>
public static class Accounts
{
    public const string Password = "Test-Passw0rd!";

    // PBKDF2 at 210,000 iterations costs 0.1-0.3 s of CPU per hash on this machine, and every test owner has the same
    // password: each host hashes it once, with its own hasher, and owners are created with that hash.
    private static readonly ConditionalWeakTable<ChatSphereFactory, Lazy<string>> PasswordHashes = [];

    public static string NewEmail(string who = "owner") => $"{who}-{Guid.NewGuid():N}@example.test";

    /// <summary>A new account with <see cref="Password"/> and the User role, as registering leaves it; returns its email.</summary>
    public static async Task<string> CreateOwnerAsync(ChatSphereFactory app, string who = "owner")
    {
        var email = NewEmail(who);
        await using var scope = app.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var hash = PasswordHashes.GetValue(app, _ => new Lazy<string>(() =>
            app.Services.GetRequiredService<IPasswordHasher<AppUser>>().HashPassword(new AppUser(), Password))).Value;
        var created = await users.CreateAsync(new AppUser { UserName = email, Email = email, PasswordHash = hash });
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        return email;
    }

    /// <summary>
    /// The Set-Cookie headers the site sends when <paramref name="email"/> signs in: the sign-in the login page makes
    /// after it has checked the password, without a second PBKDF2 run per owner.
    /// </summary>
    public static async Task<string[]> SignInCookiesAsync(ChatSphereFactory app, string email)
    {
        await using var scope = app.CreateScope();
        var user = await FindAsync(scope, email);
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Scheme = app.SiteUrl.Scheme;
        context.Request.Host = HostString.FromUriComponent(app.SiteUrl);
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        signIn.Context = context;
        await signIn.SignInAsync(user, isPersistent: false);
        return context.Response.Headers.SetCookie.ToArray()!;
    }

    /// <summary>An API bearer token for <paramref name="email"/>, as <c>POST /api/v1/auth/token</c> issues it (ApiTests).</summary>
    public static async Task<string> TokenAsync(ChatSphereFactory app, string email)
    {
        await using var scope = app.CreateScope();
        var (token, _) = await scope.ServiceProvider.GetRequiredService<TokenService>().CreateAsync(await FindAsync(scope, email));
        return token;
    }

    /// <summary>A browser signed in as <paramref name="email"/>.</summary>
    public static async Task<BrowserClient> BrowserAsync(ChatSphereFactory app, string email)
    {
        var browser = app.CreateBrowser();
        foreach (var cookie in await SignInCookiesAsync(app, email))
        {
            browser.Cookies.SetCookies(browser.Http.BaseAddress!, cookie);
        }

        return browser;
    }

    /// <summary>A browser signed in as a new owner.</summary>
    public static async Task<BrowserClient> OwnerBrowserAsync(ChatSphereFactory app, string who = "owner") =>
        await BrowserAsync(app, await CreateOwnerAsync(app, who));

    private static async Task<AppUser> FindAsync(AsyncServiceScope scope, string email) =>
        await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email)
            ?? throw new InvalidOperationException($"No account {email}: create it with {nameof(CreateOwnerAsync)} first.");
}
