using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.IntegrationTests.Chat;

/// <summary>No model key: the offline extractive answerer quotes the documents, and says so.</summary>
[Collection(AppCollection.Name)]
public sealed class OfflineChatTests(ChatSphereFactory app)
{
    [Fact]
    public async Task The_offline_answerer_quotes_the_answering_sentence_with_its_citation_and_continues_the_conversation()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync(new { name = "Lighthouse" });
        await api.IngestAsync(bot, "lighthouse.txt", TestFiles.Text(
            "The lighthouse was built in 1854 on the northern cape.\n\nIts lamp is visible for 22 nautical miles.\n\n" +
            "The keeper's cottage is now a small museum open in summer."));

        var first = await (await api.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/chat", new { message = "How far is the lamp visible?" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(first.GetProperty("offline").GetBoolean());
        Assert.Contains("22 nautical miles", first.GetProperty("reply").GetString());
        var citation = Assert.Single(first.GetProperty("citations").EnumerateArray());
        Assert.Contains("22 nautical miles", citation.GetProperty("snippet").GetString());

        var conversation = first.GetProperty("conversationId").GetGuid();
        var second = await api.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/chat", new { message = "When was it built?", conversationId = conversation });
        Assert.Contains("1854", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reply").GetString());

        await using var scope = app.CreateScope();
        Assert.Equal(4, await app.Db(scope).Messages.CountAsync(m => m.ConversationId == conversation));
    }

    [Fact]
    public async Task Grounded_only_with_nothing_relevant_replies_with_the_owners_fallback()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync(new { name = "Empty", fallbackMessage = "Sorry, my documents don't cover that." });
        var events = await Sse.ChatAsync(api.Http, bot, new { message = "What is the capital of Mongolia?" });
        Assert.Equal("Sorry, my documents don't cover that.", Sse.Text(events));
        Assert.Empty(Assert.Single(events, e => e.Event == "done").Data.GetProperty("citations").EnumerateArray());
    }

    [Fact]
    public async Task A_message_that_is_empty_or_too_long_is_refused()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await api.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/chat", new { message = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/chat", new { message = new string('a', 4001) })).StatusCode);
        var unknown = await api.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/chat", new { message = "hi", conversationId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
