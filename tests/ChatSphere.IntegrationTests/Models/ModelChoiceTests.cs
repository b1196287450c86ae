using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.Core.Domain;
using ChatSphere.IntegrationTests.Infrastructure;
using ChatSphere.Testing.FakeOpenAi;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.IntegrationTests.Models;

/// <summary>Owners choose models from what the fake endpoint's <c>GET /v1/models</c> lists, narrowed by the Admin's allow-list.</summary>
[Collection(ModelsCollection.Name)]
public sealed class ModelChoiceTests(ModelsFactory app)
{
    [Fact]
    public async Task The_api_refuses_a_model_the_endpoint_does_not_list_names_the_field_and_saves_nothing()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();
        var before = await BotAsync(bot);

        var response = await api.Http.PutAsJsonAsync($"/api/v1/bots/{bot}", new { model = "gpt-9-ultra", embeddingModel = "text-embedding-9", temperature = 1.5 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["embeddingModel", "model"], errors.EnumerateObject().Select(e => e.Name).Order());
        var chat = Assert.Single(errors.GetProperty("model").EnumerateArray()).GetString();
        Assert.Equal($"The chat model 'gpt-9-ultra' is not offered here. Chat models offered: {FakeOpenAiServer.ChatModel}.", chat);
        var embedding = Assert.Single(errors.GetProperty("embeddingModel").EnumerateArray()).GetString();
        Assert.Equal(
            $"The embedding model 'text-embedding-9' is not offered here. Embedding models offered: chatsphere-hash-v1, snowflake-arctic-embed-xs, {FakeOpenAiServer.LargeEmbeddingModel}, {FakeOpenAiServer.SmallEmbeddingModel}.",
            embedding);

        // Nothing saved, not even the valid temperature, and no re-embedding started.
        var after = await BotAsync(bot);
        Assert.Equal((before.ChatModel, before.EmbeddingModel, before.Temperature, before.UpdatedAt), (after.ChatModel, after.EmbeddingModel, after.Temperature, after.UpdatedAt));
        Assert.Equal(HttpStatusCode.BadRequest, (await api.Http.PostAsJsonAsync("/api/v1/bots", new { name = "Typo", model = "gpt-4o-mimi" })).StatusCode);
        await using var scope = app.CreateScope();
        Assert.False(await app.Db(scope).Bots.AnyAsync(b => b.Name == "Typo"));
    }

    [Fact]
    public async Task The_api_accepts_listed_models_and_keeps_a_bots_own_model_when_other_settings_change()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync(new { name = "Listed", model = FakeOpenAiServer.ChatModel });
        var put = await api.Http.PutAsJsonAsync($"/api/v1/bots/{bot}", new { model = FakeOpenAiServer.ChatModel, embeddingModel = FakeOpenAiServer.LargeEmbeddingModel });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal((FakeOpenAiServer.ChatModel, FakeOpenAiServer.LargeEmbeddingModel), await ModelsOfAsync(bot));
    }

    [Fact]
    public async Task An_allow_list_narrows_the_choice_to_its_listed_models_and_the_defaults()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();
        await SetAllowListAsync(new AllowedModel { Name = FakeOpenAiServer.LargeEmbeddingModel, Kind = ModelKind.Embedding },
            new AllowedModel { Name = "not-listed-by-the-endpoint", Kind = ModelKind.Chat });
        try
        {
            var small = await api.Http.PutAsJsonAsync($"/api/v1/bots/{bot}", new { embeddingModel = FakeOpenAiServer.SmallEmbeddingModel });
            Assert.Equal(HttpStatusCode.BadRequest, small.StatusCode);
            Assert.Contains(
                $"Embedding models offered: chatsphere-hash-v1, snowflake-arctic-embed-xs, {FakeOpenAiServer.LargeEmbeddingModel}.",
                (await small.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("embeddingModel")[0].GetString());
            // Allowed but not listed by the endpoint: not offered. The configured default always is.
            Assert.Equal(HttpStatusCode.BadRequest, (await api.Http.PutAsJsonAsync($"/api/v1/bots/{bot}", new { model = "not-listed-by-the-endpoint" })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await api.Http.PutAsJsonAsync($"/api/v1/bots/{bot}", new { model = FakeOpenAiServer.ChatModel })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await api.Http.PutAsJsonAsync($"/api/v1/bots/{bot}", new { embeddingModel = FakeOpenAiServer.LargeEmbeddingModel })).StatusCode);
            Assert.Equal((FakeOpenAiServer.ChatModel, FakeOpenAiServer.LargeEmbeddingModel), await ModelsOfAsync(bot));
        }
        finally
        {
            await SetAllowListAsync();
        }
    }

    [Fact]
    public async Task The_settings_page_offers_a_select_of_listed_models_and_refuses_another_beside_its_field()
    {
        using var browser = await Accounts.OwnerBrowserAsync(app);
        var bot = await CreateBotForAsync(browser);

        var html = WebUtility.HtmlDecode(await browser.GetPageAsync($"/Bots/{bot}/Settings"));
        Assert.Matches("<select[^>]*id=\"Input_ChatModel\"", html);
        Assert.Contains($"<option value=\"{FakeOpenAiServer.ChatModel}\">{FakeOpenAiServer.ChatModel}</option>", html);
        Assert.Contains($"<option value=\"{FakeOpenAiServer.SmallEmbeddingModel}\">{FakeOpenAiServer.SmallEmbeddingModel}</option>", html);
        Assert.DoesNotContain($"<option value=\"{FakeOpenAiServer.SmallEmbeddingModel}\">{FakeOpenAiServer.SmallEmbeddingModel}</option>",
            html[html.IndexOf("id=\"Input_ChatModel\"", StringComparison.Ordinal)..html.IndexOf("</select>", StringComparison.Ordinal)]);

        var before = await BotAsync(bot);
        var response = await browser.SubmitAsync($"/Bots/{bot}/Settings", new Dictionary<string, string>
        {
            ["Input.Name"] = "Renamed", ["Input.ChatModel"] = "gpt-typed-by-hand", ["Input.EmbeddingModel"] = "",
            ["Input.Temperature"] = "0.2", ["Input.MaxAnswerTokens"] = "800", ["Input.FallbackMessage"] = "I don't know.",
            ["Input.ChunkMaxTokens"] = "160", ["Input.ChunkOverlapTokens"] = "16", ["Input.WidgetColor"] = "#2563eb",
            ["Input.WidgetPosition"] = "BottomRight", ["Input.DailyTokenBudget"] = "200000", ["Input.RetrievalTop"] = "5",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Matches($"data-valmsg-for=\"Input.ChatModel\"[^>]*>The chat model 'gpt-typed-by-hand' is not offered here. Chat models offered: {FakeOpenAiServer.ChatModel}.</span>", page);
        var after = await BotAsync(bot);
        Assert.Equal((before.Name, before.ChatModel, before.UpdatedAt), (after.Name, after.ChatModel, after.UpdatedAt));
    }

    [Fact]
    public async Task An_admin_keeps_the_allow_list_on_its_page_and_owners_cannot_open_it()
    {
        using var owner = await Accounts.OwnerBrowserAsync(app);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.Http.GetAsync("/Admin/Models")).StatusCode);

        using var admin = await Accounts.BrowserAsync(app, ChatSphereFactory.AdminEmail);
        try
        {
            var listed = WebUtility.HtmlDecode(await admin.GetPageAsync("/Admin/Models"));
            Assert.Contains($"<option value=\"{FakeOpenAiServer.LargeEmbeddingModel}\"></option>", listed);
            var added = await admin.SubmitAsync("/Admin/Models", new Dictionary<string, string>
            {
                ["Input.Name"] = $" {FakeOpenAiServer.LargeEmbeddingModel} ", ["Input.Kind"] = "Embedding",
            }, "/Admin/Models?handler=Add");
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
            var again = await admin.SubmitAsync("/Admin/Models", new Dictionary<string, string>
            {
                ["Input.Name"] = FakeOpenAiServer.LargeEmbeddingModel, ["Input.Kind"] = "Chat",
            }, "/Admin/Models?handler=Add");
            Assert.Contains($"'{FakeOpenAiServer.LargeEmbeddingModel}' is on the list already.", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()));

            await using var scope = app.CreateScope();
            var row = await app.Db(scope).AllowedModels.AsNoTracking().SingleAsync();
            Assert.Equal((FakeOpenAiServer.LargeEmbeddingModel, ModelKind.Embedding), (row.Name, row.Kind));

            var removed = await admin.SubmitAsync("/Admin/Models", new Dictionary<string, string>(), $"/Admin/Models?handler=Remove&name={FakeOpenAiServer.LargeEmbeddingModel}");
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
            Assert.False(await app.Db(scope).AllowedModels.AnyAsync());
        }
        finally
        {
            await SetAllowListAsync();
        }
    }

    private static async Task<Guid> CreateBotForAsync(BrowserClient browser)
    {
        await browser.SubmitAsync("/Bots", new Dictionary<string, string> { ["NewBot.Name"] = "Captain" }, "/Bots?handler=Create");
        var page = await browser.GetPageAsync("/Bots");
        return Guid.Parse(System.Text.RegularExpressions.Regex.Match(page, "data-bot-id=\"([0-9a-f-]{36})\"").Groups[1].Value);
    }

    private async Task SetAllowListAsync(params AllowedModel[] models)
    {
        await using var scope = app.CreateScope();
        var db = app.Db(scope);
        await db.AllowedModels.ExecuteDeleteAsync();
        db.AllowedModels.AddRange(models);
        await db.SaveChangesAsync();
    }

    private async Task<Bot> BotAsync(Guid id)
    {
        await using var scope = app.CreateScope();
        return await app.Db(scope).Bots.AsNoTracking().SingleAsync(b => b.Id == id);
    }

    private async Task<(string?, string?)> ModelsOfAsync(Guid id)
    {
        var bot = await BotAsync(id);
        return (bot.ChatModel, bot.EmbeddingModel);
    }
}
