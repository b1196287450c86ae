using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.Net.Http.Headers;
using Microsoft.Playwright;

namespace ChatSphere.IntegrationTests.Browser;

/// <summary>A fresh browser context signed in as a new owner.</summary>
public static class PageSession
{
    /// <summary>A new owner (see <see cref="Accounts"/>) with the site's sign-in cookie, on their bots page.</summary>
    public static async Task<IPage> SignInAsync(Chromium chromium, ChatSphereFactory app) =>
        await SignInAsAsync(chromium, app, await Accounts.CreateOwnerAsync(app));

    /// <summary>A fresh context signed in as the existing account <paramref name="email"/>, on the bots page.</summary>
    public static async Task<IPage> SignInAsAsync(Chromium chromium, ChatSphereFactory app, string email)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.SiteUrl.ToString() });
        await AddSignInCookiesAsync(context, app, email);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Bots");
        return page;
    }

    /// <summary>Signs <paramref name="email"/> in for every page of <paramref name="context"/>.</summary>
    public static async Task AddSignInCookiesAsync(IBrowserContext context, ChatSphereFactory app, string email) =>
        await context.AddCookiesAsync((await Accounts.SignInCookiesAsync(app, email)).Select(header =>
        {
            var cookie = SetCookieHeaderValue.Parse(header);
            return new Cookie
            {
                Name = cookie.Name.Value!, Value = cookie.Value.Value!, Url = app.SiteUrl.ToString(),
                HttpOnly = cookie.HttpOnly, SameSite = SameSiteAttribute.Lax,
            };
        }));

    public static async Task<string> CreateBotAsync(IPage page, string name)
    {
        await page.FillAsync("#NewBot_Name", name);
        await page.ClickAsync("#create-bot button");
        var card = page.Locator(".bot-card", new() { HasText = name });
        return (await card.GetAttributeAsync("data-bot-id"))!;
    }
}
