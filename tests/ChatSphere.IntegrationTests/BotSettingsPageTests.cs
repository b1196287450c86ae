using System.Net;
using ChatSphere.Core.Bots;
using ChatSphere.Core.Domain;
using ChatSphere.IntegrationTests.Infrastructure;
using ChatSphere.Web.Widget;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.IntegrationTests;

[Collection(AppCollection.Name)]
public sealed class BotSettingsPageTests(ChatSphereFactory app)
{
    [Fact]
    public async Task Owner_saves_settings_and_sees_them_again()
    {
        using var browser = await Accounts.OwnerBrowserAsync(app);
        var id = await CreateBotAsync(browser);

        var saved = await browser.SubmitAsync($"/Bots/{id}/Settings", Form(new()
        {
            ["Input.Instructions"] = "Answer like a ship's captain.",
            ["Input.Temperature"] = "0.7",
            ["Input.RetrievalTop"] = "8",
            ["Input.ScoreThreshold"] = "0.25",
            ["Input.FallbackMessage"] = "Arr, that be not in my charts.",
            ["Input.SuggestedQuestions"] = "Where do we sail?\nWho is the cook?",
            ["Input.AllowedOrigins"] = "https://Shop.Example.com/",
        }));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        await using var scope = app.CreateScope();
        var bot = await app.Db(scope).Bots.AsNoTracking().SingleAsync(b => b.Id == id);
        Assert.Equal("Answer like a ship's captain.", bot.Instructions);
        Assert.Equal(0.7f, bot.Temperature);
        Assert.Equal(8, bot.RetrievalTop);
        Assert.Equal(0.25f, bot.ScoreThreshold);
        Assert.Equal("Arr, that be not in my charts.", bot.FallbackMessage);
        Assert.Equal(["Where do we sail?", "Who is the cook?"], bot.SuggestedQuestions);
        Assert.Equal(["https://shop.example.com"], bot.AllowedOrigins);
        var page = await browser.GetPageAsync($"/Bots/{id}/Settings");
        Assert.Contains("Arr, that be not in my charts.", page);
        var questions = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, "<textarea[^>]*SuggestedQuestions[^>]*>([^<]*)</textarea>").Groups[1].Value);
        Assert.Equal("Where do we sail?\nWho is the cook?", questions.Trim());
    }

    [Fact]
    public async Task Invalid_settings_are_refused_with_clear_messages_and_nothing_changes()
    {
        using var browser = await Accounts.OwnerBrowserAsync(app);
        var id = await CreateBotAsync(browser);

        var response = await browser.SubmitAsync($"/Bots/{id}/Settings", Form(new()
        {
            ["Input.Temperature"] = "3",
            ["Input.ChunkMaxTokens"] = "100",
            ["Input.ChunkOverlapTokens"] = "60",
            ["Input.FallbackMessage"] = "",
            ["Input.AllowedOrigins"] = "javascript:alert(1)",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("The field Temperature must be between 0 and 2.", html);
        Assert.Contains("Overlap must be 0 or more and less than half the chunk size.", html);
        Assert.Contains("Say what the bot answers when the documents do not have it.", html);
        Assert.Contains("Not a site origin", html);

        await using var scope = app.CreateScope();
        var bot = await app.Db(scope).Bots.AsNoTracking().SingleAsync(b => b.Id == id);
        Assert.Equal(160, bot.ChunkMaxTokens);
        Assert.Empty(bot.AllowedOrigins);
    }

    [Fact]
    public async Task Each_error_shows_beside_its_own_field_once()
    {
        using var browser = await Accounts.OwnerBrowserAsync(app);
        var id = await CreateBotAsync(browser);

        var response = await browser.SubmitAsync($"/Bots/{id}/Settings", Form(new()
        {
            ["Input.Name"] = " ",
            ["Input.ChatModel"] = new string('m', 201),
            ["Input.Temperature"] = "3",
        }));

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        foreach (var (field, message) in new[]
        {
            ("Input.Name", "Give the bot a name."),
            ("Input.ChatModel", "The model id can be at most 200 characters."),
            ("Input.Temperature", "The field Temperature must be between 0 and 2."),
        })
        {
            Assert.Matches($"data-valmsg-for=\"{field}\"[^>]*>{System.Text.RegularExpressions.Regex.Escape(message)}</span>", html);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, System.Text.RegularExpressions.Regex.Escape(message)));
        }
    }

    [Fact]
    public async Task Owner_themes_the_widget_and_its_avatar_is_served_by_the_public_key()
    {
        using var browser = await Accounts.OwnerBrowserAsync(app);
        var id = await CreateBotAsync(browser);
        var png = TestFiles.Png();

        var saved = await SubmitWithAvatarAsync(browser, id, new()
        {
            ["Input.WidgetColor"] = "#AA3300",
            ["Input.WidgetTitle"] = "  Ship's helper ",
            ["Input.WidgetPosition"] = "BottomLeft",
            ["Input.DailyTokenBudget"] = "5000",
        }, png, "avatar.txt");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        string key;
        await using (var scope = app.CreateScope())
        {
            var bot = await app.Db(scope).Bots.AsNoTracking().SingleAsync(b => b.Id == id);
            Assert.Equal(("#aa3300", "Ship's helper", WidgetPosition.BottomLeft, 5000), (bot.WidgetColor, bot.WidgetTitle, bot.WidgetPosition, bot.DailyTokenBudget));
            Assert.NotNull(bot.WidgetAvatarUpdatedAt);
            var image = await app.Db(scope).BotAvatars.AsNoTracking().SingleAsync(a => a.BotId == id);
            Assert.Equal("image/png", image.ContentType);
            Assert.Equal(png, image.Bytes);
            key = bot.PublicKey;
        }

        // Anyone may load it (it shows on other sites): by its bytes' type, not sniffable, cached by version and ETag.
        var page = await browser.GetPageAsync($"/Bots/{id}/Settings");
        var url = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, "id=\"widget-avatar\" src=\"([^\"]+)\"").Groups[1].Value);
        Assert.StartsWith($"/widget/avatar/{key}?v=", url);
        using var anonymous = app.CreateClient();
        var avatar = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, avatar.StatusCode);
        Assert.Equal("image/png", avatar.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", avatar.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("immutable", avatar.Headers.CacheControl!.ToString());
        Assert.Equal(png, await avatar.Content.ReadAsByteArrayAsync());
        var again = new HttpRequestMessage(HttpMethod.Get, $"/widget/avatar/{key}");
        again.Headers.IfNoneMatch.Add(avatar.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(again)).StatusCode);

        // Removing it.
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync($"/Bots/{id}/Settings", Form(new() { ["Input.RemoveWidgetAvatar"] = "true" }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/widget/avatar/{key}")).StatusCode);
    }

    [Fact]
    public async Task Widget_settings_that_are_not_valid_are_refused_with_clear_messages()
    {
        using var browser = await Accounts.OwnerBrowserAsync(app);
        var id = await CreateBotAsync(browser);

        var response = await SubmitWithAvatarAsync(browser, id, new()
        {
            ["Input.WidgetColor"] = "red; background: url(x)",
            ["Input.WidgetTitle"] = new string('t', 101),
            ["Input.DailyTokenBudget"] = "10",
        }, TestFiles.Text("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"), "avatar.png");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("The widget colour must be a hex colour like #2563eb.", html);
        Assert.Contains("maximum length of 100", html);
        Assert.Contains("Daily token budget must be between 1000 and 100000000", html);
        Assert.Contains("The picture must be a PNG, JPEG, GIF or WebP image.", html);

        var big = await SubmitWithAvatarAsync(browser, id, [], [.. TestFiles.Png(), .. new byte[BotLimits.WidgetAvatarMaxBytes]], "big.png");
        Assert.Contains("The picture is larger than 256 KB.", WebUtility.HtmlDecode(await big.Content.ReadAsStringAsync()));

        await using var scope = app.CreateScope();
        var bot = await app.Db(scope).Bots.AsNoTracking().SingleAsync(b => b.Id == id);
        Assert.Equal((Bot.DefaultWidgetColor, null, Bot.DefaultDailyTokenBudget), (bot.WidgetColor, bot.WidgetTitle, bot.DailyTokenBudget));
        Assert.Null(bot.WidgetAvatarUpdatedAt);
        Assert.False(await app.Db(scope).BotAvatars.AnyAsync(a => a.BotId == id));
    }

    [Fact]
    public async Task The_widget_script_is_served_for_other_sites_with_short_caching()
    {
        using var anonymous = app.CreateClient();
        var script = await anonymous.GetAsync("/widget.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        Assert.Equal(TimeSpan.FromMinutes(5), script.Headers.CacheControl!.MaxAge);
        Assert.NotNull(script.Headers.ETag);
        Assert.Equal("cross-origin", script.Headers.GetValues("Cross-Origin-Resource-Policy").Single());
        Assert.Contains("attachShadow", await script.Content.ReadAsStringAsync());

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/widget.js");
        revalidate.Headers.IfNoneMatch.Add(script.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(revalidate)).StatusCode);

        var versioned = await anonymous.GetAsync($"/widget.js?v={WidgetScript.Instance.Version}");
        Assert.Equal(TimeSpan.FromDays(365), versioned.Headers.CacheControl!.MaxAge);
        Assert.Equal(await script.Content.ReadAsByteArrayAsync(), await versioned.Content.ReadAsByteArrayAsync());
        var stale = await anonymous.GetAsync("/widget.js?v=0");
        Assert.Equal(TimeSpan.FromMinutes(5), stale.Headers.CacheControl!.MaxAge);
    }

    [Fact]
    public async Task Another_users_bot_settings_are_404()
    {
        using var owner = await Accounts.OwnerBrowserAsync(app);
        var id = await CreateBotAsync(owner);
        using var other = await Accounts.OwnerBrowserAsync(app, "other");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/Bots/{id}/Settings")).StatusCode);
    }

    private static async Task<Guid> CreateBotAsync(BrowserClient browser)
    {
        await browser.SubmitAsync("/Bots", new Dictionary<string, string> { ["NewBot.Name"] = "Captain" }, "/Bots?handler=Create");
        var page = await browser.GetPageAsync("/Bots");
        return Guid.Parse(System.Text.RegularExpressions.Regex.Match(page, "data-bot-id=\"([0-9a-f-]{36})\"").Groups[1].Value);
    }

    /// <summary>The settings form as multipart, with an avatar file.</summary>
    private static async Task<HttpResponseMessage> SubmitWithAvatarAsync(
        BrowserClient browser, Guid id, Dictionary<string, string> changes, byte[] avatar, string fileName)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (key, value) in Form(changes))
        {
            form.Add(new StringContent(value), key);
        }

        form.Add(new StringContent(await browser.AntiforgeryTokenAsync($"/Bots/{id}/Settings")), "__RequestVerificationToken");
        form.Add(new ByteArrayContent(avatar), "Input.WidgetAvatar", fileName);
        return await browser.Http.PostAsync($"/Bots/{id}/Settings", form);
    }

    /// <summary>The form as the page renders it, with some fields changed.</summary>
    private static Dictionary<string, string> Form(Dictionary<string, string> changes)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.Name"] = "Captain", ["Input.Instructions"] = "", ["Input.ChatModel"] = "", ["Input.Temperature"] = "0.2",
            ["Input.MaxAnswerTokens"] = "800", ["Input.WelcomeMessage"] = "Hi", ["Input.SuggestedQuestions"] = "",
            ["Input.RetrievalTop"] = "5", ["Input.ScoreThreshold"] = "", ["Input.GroundedOnly"] = "true",
            ["Input.FallbackMessage"] = "I don't know.", ["Input.EmbeddingModel"] = "", ["Input.ChunkMaxTokens"] = "160",
            ["Input.ChunkOverlapTokens"] = "16", ["Input.AllowedOrigins"] = "", ["Input.WidgetColor"] = "#2563eb",
            ["Input.WidgetTitle"] = "", ["Input.WidgetPosition"] = "BottomRight", ["Input.DailyTokenBudget"] = "200000",
        };
        foreach (var (key, value) in changes)
        {
            form[key] = value;
        }

        return form;
    }
}
