using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.IntegrationTests.Infrastructure;

namespace ChatSphere.IntegrationTests.Chat;

[Collection(AppCollection.Name)]
public sealed class ConversationTests(ChatSphereFactory app)
{
    [Fact]
    public async Task Conversations_are_listed_with_their_messages_citations_and_feedback()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync(new { name = "Harbour" });
        await api.IngestAsync(bot, "harbour.txt", TestFiles.Text("The ferry to the island leaves at nine every morning."));
        var reply = await (await api.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/chat", new { message = "When does the ferry leave?" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var conversation = reply.GetProperty("conversationId").GetGuid();
        var answer = reply.GetProperty("messageId").GetGuid();

        var list = await api.Http.GetFromJsonAsync<JsonElement>($"/api/v1/bots/{bot}/conversations");
        var row = Assert.Single(list.EnumerateArray());
        Assert.Equal("When does the ferry leave?", row.GetProperty("title").GetString());
        Assert.Equal(2, row.GetProperty("messageCount").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent,
            (await api.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/messages/{answer}/feedback", new { value = "up" })).StatusCode);
        var detail = await api.Http.GetFromJsonAsync<JsonElement>($"/api/v1/bots/{bot}/conversations/{conversation}");
        var messages = detail.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["user", "assistant"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("up", messages[1].GetProperty("feedback").GetString());
        Assert.Single(messages[1].GetProperty("citations").EnumerateArray());

        using var other = await ApiClient.CreateAsync(app, "other");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/api/v1/bots/{bot}/conversations/{conversation}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await other.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/messages/{answer}/feedback", new { value = "down" })).StatusCode);
    }

    [Fact]
    public async Task The_transcript_page_shows_the_answer_and_takes_a_thumbs_down()
    {
        var email = await Accounts.CreateOwnerAsync(app);
        using var browser = await Accounts.BrowserAsync(app, email);
        using var api = new ApiClient(app.CreateClient(), app);
        api.Http.DefaultRequestHeaders.Authorization = new("Bearer", await Accounts.TokenAsync(app, email));
        var bot = await api.CreateBotAsync(new { name = "Harbour" });
        await api.IngestAsync(bot, "harbour.txt", TestFiles.Text("The ferry to the island leaves at nine every morning."));
        var reply = await (await api.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/chat", new { message = "When does the ferry leave?" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var conversation = reply.GetProperty("conversationId").GetGuid();
        var answer = reply.GetProperty("messageId").GetGuid();

        Assert.Contains("When does the ferry leave?", await browser.GetPageAsync($"/Bots/{bot}/Conversations"));
        var transcript = $"/Bots/{bot}/Conversations/{conversation}";
        Assert.Contains("leaves at nine", await browser.GetPageAsync(transcript));
        var posted = await browser.SubmitAsync(transcript, new Dictionary<string, string> { ["value"] = "Down" }, $"{transcript}?handler=Feedback&messageId={answer}");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("btn btn-sm btn-danger feedback-down", await browser.GetPageAsync(transcript));
    }
}
