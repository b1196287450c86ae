using ChatSphere.Core.Domain;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace ChatSphere.IntegrationTests.Browser.Widget;

/// <summary>What widget tests set up: a visitor's browser and a bot that allows one site.</summary>
public static class WidgetVisits
{
    /// <summary>
    /// A visitor's browser with nothing cached, which reaches no host but loopback; its language is English unless
    /// <paramref name="options"/> give a locale (the widget speaks the browser's language).
    /// </summary>
    public static async Task<IPage> VisitorAsync(this Chromium chromium, BrowserNewContextOptions? options = null)
    {
        options ??= new();
        options.Locale ??= "en-US";
        var context = await chromium.Browser.NewContextAsync(options);
        await context.RouteAsync("**/*", route =>
            new Uri(route.Request.Url).Host is "127.0.0.1" or "localhost" ? route.ContinueAsync() : route.AbortAsync());
        return await context.NewPageAsync();
    }

    /// <summary>A new owner's grounded-only bot whose widget answers on <paramref name="allowed"/>.</summary>
    public static async Task<(Guid Id, string Key)> BotAsync(this WidgetSiteFactory app, string name, string allowed)
    {
        await using var scope = app.CreateScope();
        var db = app.Db(scope);
        var owner = new AppUser { UserName = Accounts.NewEmail(), Email = Accounts.NewEmail() };
        db.Users.Add(owner);
        var bot = new Bot { OwnerId = owner.Id, Name = name, AllowedOrigins = [allowed], GroundedOnly = true };
        db.Bots.Add(bot);
        await db.SaveChangesAsync();
        return (bot.Id, bot.PublicKey);
    }
}
