using System.Net;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.IntegrationTests;

[Collection(AppCollection.Name)]
public sealed class BotSettingsPageTests(ChatSphereFactory app)
{
    [Fact]
    public async Task Owner_saves_settings_and_sees_them_again()
    {
        using var browser = app.CreateBrowser();
        await browser.RegisterAsync(Accounts.NewEmail(), Accounts.Password);
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
        Assert.Contains("Arr, that be not in my charts.", await browser.GetPageAsync($"/Bots/{id}/Settings"));
    }

    [Fact]
    public async Task Invalid_settings_are_refused_with_clear_messages_and_nothing_changes()
    {
        using var browser = app.CreateBrowser();
        await browser.RegisterAsync(Accounts.NewEmail(), Accounts.Password);
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
    public async Task Another_users_bot_settings_are_404()
    {
        using var owner = app.CreateBrowser();
        await owner.RegisterAsync(Accounts.NewEmail(), Accounts.Password);
        var id = await CreateBotAsync(owner);
        using var other = app.CreateBrowser();
        await other.RegisterAsync(Accounts.NewEmail(), Accounts.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/Bots/{id}/Settings")).StatusCode);
    }

    private static async Task<Guid> CreateBotAsync(BrowserClient browser)
    {
        await browser.SubmitAsync("/Bots", new Dictionary<string, string> { ["NewBot.Name"] = "Captain" }, "/Bots?handler=Create");
        var page = await browser.GetPageAsync("/Bots");
        return Guid.Parse(System.Text.RegularExpressions.Regex.Match(page, "data-bot-id=\"([0-9a-f-]{36})\"").Groups[1].Value);
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
            ["Input.ChunkOverlapTokens"] = "16", ["Input.AllowedOrigins"] = "",
        };
        foreach (var (key, value) in changes)
        {
            form[key] = value;
        }

        return form;
    }
}
