using System.Net.Http.Json;
using System.Text.Json;

namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>One question put through the channels that have no helper of their own: /v1 streamed and the Chat page.</summary>
public static class Channels
{
    /// <summary>An owner (API and signed-in browser) with the Zoo bot, open to <paramref name="site"/>'s widget.</summary>
    public static async Task<(ApiClient Api, BrowserClient Browser, Guid Bot, string PublicKey)> OwnerWithZooAsync(ChatSphereFactory app, string site)
    {
        var email = await Accounts.CreateOwnerAsync(app);
        var api = await ApiClient.ForAsync(app, email);
        var created = await api.Http.PostAsJsonAsync("/api/v1/bots", new { name = "Zoo", allowedOrigins = new[] { site } });
        var bot = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = bot.GetProperty("id").GetGuid();
        await api.IngestAsync(id, "animals.md", TestFiles.Text(ZooBot.Animals));
        return (api, await Accounts.BrowserAsync(app, email), id, bot.GetProperty("publicKey").GetString()!);
    }

    /// <summary>The data lines of a streamed <c>/v1/chat/completions</c> answer.</summary>
    public static async Task<List<string>> V1StreamAsync(HttpClient http, Guid bot, string question)
    {
        using var response = await http.PostAsJsonAsync(
            "/v1/chat/completions", new { model = bot.ToString(), stream = true, messages = new[] { new { role = "user", content = question } } });
        return await Sse.DataAsync(response);
    }

    /// <summary>The Chat page's events for one question.</summary>
    public static async Task<List<(string Event, JsonElement Data)>> PageChatAsync(BrowserClient browser, Guid bot, string question)
    {
        using var response = await browser.SubmitAsync($"/Bots/{bot}/Chat", new Dictionary<string, string> { ["message"] = question }, $"/Bots/{bot}/Chat?handler=Ask");
        return await Sse.ReadAsync(response);
    }
}
