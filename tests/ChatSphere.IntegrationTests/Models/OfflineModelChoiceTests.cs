using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.IntegrationTests.Models;

/// <summary>No model key: only ChatSphere's offline models are offered.</summary>
[Collection(AppCollection.Name)]
public sealed class OfflineModelChoiceTests(ChatSphereFactory app)
{
    [Fact]
    public async Task Offline_only_the_offline_answerer_and_embedder_are_offered()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();

        var response = await api.Http.PutAsJsonAsync($"/api/v1/bots/{bot}", new { model = "gpt-4o-mini", embeddingModel = "text-embedding-3-small" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(
            "No model key is configured, so the only chat model is the offline answerer: leave the chat model empty.",
            errors.GetProperty("model")[0].GetString());
        Assert.Equal(
            "The embedding model 'text-embedding-3-small' is not offered here. Embedding models offered: chatsphere-hash-v1, snowflake-arctic-embed-xs.",
            errors.GetProperty("embeddingModel")[0].GetString());
        await using (var scope = app.CreateScope())
        {
            var stored = await app.Db(scope).Bots.AsNoTracking().SingleAsync(b => b.Id == bot);
            Assert.Equal((null, null), (stored.ChatModel, stored.EmbeddingModel));
        }

        Assert.Equal(HttpStatusCode.OK, (await api.Http.PutAsJsonAsync($"/api/v1/bots/{bot}", new { model = "", embeddingModel = "chatsphere-hash-v1" })).StatusCode);
    }

    [Fact]
    public async Task Offline_the_settings_page_offers_the_offline_models_only()
    {
        using var browser = await Accounts.OwnerBrowserAsync(app);
        await browser.SubmitAsync("/Bots", new Dictionary<string, string> { ["NewBot.Name"] = "Offline" }, "/Bots?handler=Create");
        var bot = System.Text.RegularExpressions.Regex.Match(await browser.GetPageAsync("/Bots"), "data-bot-id=\"([0-9a-f-]{36})\"").Groups[1].Value;

        var html = WebUtility.HtmlDecode(await browser.GetPageAsync($"/Bots/{bot}/Settings"));

        var options = System.Text.RegularExpressions.Regex.Matches(html, "<option value=\"([^\"]*)\"[^>]*>([^<]*)</option>")
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value)).Where(o => o.Item1 is not ("BottomRight" or "BottomLeft"))
            // The document language select is not a model choice.
            .Where(o => o.Item2 != "Detect automatically" && !ChatSphere.Core.Languages.KnownLanguages.IsKnown(o.Item1)).ToList();
        Assert.Equal(
            [
                ("", "Offline answerer"), ("", "Default (chatsphere-hash-v1)"),
                ("chatsphere-hash-v1", "chatsphere-hash-v1 (offline, matches words)"),
                ("snowflake-arctic-embed-xs", "snowflake-arctic-embed-xs (offline, English, semantic)"),
            ],
            options);
    }
}
