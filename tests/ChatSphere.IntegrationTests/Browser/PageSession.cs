using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace ChatSphere.IntegrationTests.Browser;

/// <summary>A fresh browser context signed in as a new owner.</summary>
public static class PageSession
{
    public static async Task<IPage> RegisterAsync(Chromium chromium, ChatSphereFactory app)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.SiteUrl.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Identity/Account/Register");
        await page.FillAsync("#Input_Email", Accounts.NewEmail());
        await page.FillAsync("#Input_Password", Accounts.Password);
        await page.FillAsync("#Input_ConfirmPassword", Accounts.Password);
        await page.ClickAsync("#registerSubmit");
        await page.WaitForURLAsync("**/Bots");
        return page;
    }

    public static async Task<string> CreateBotAsync(IPage page, string name)
    {
        await page.FillAsync("#NewBot_Name", name);
        await page.ClickAsync("#create-bot button");
        var card = page.Locator(".bot-card", new() { HasText = name });
        return (await card.GetAttributeAsync("data-bot-id"))!;
    }
}
