using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.IntegrationTests.Infrastructure;
using ChatSphere.Testing.FakeOpenAi;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.IntegrationTests.Quotas;

/// <summary>A turn's cost is every model call it made, and its tool rounds stop at the cap (Models:MaxToolRounds, 3).</summary>
[Collection(QuotasCollection.Name)]
public sealed class ModelCallsTests(QuotasFactory app)
{
    private const string Search = "knowledge-search_documents";

    [Fact]
    public async Task The_widget_budget_and_the_account_count_every_model_call_of_a_turn()
    {
        var owner = await QuotaOwner.CreateAsync(app);
        var (bot, key) = await owner.CreateBotAsync();
        await owner.Api.IngestAsync(bot, "animals.md", TestFiles.Text(ZooBot.Animals));
        var before = app.Model.ChatRequests.Count;
        app.Model.Chat.Enqueue(
            FakeReply.ToolCall(Search, """{"query":"otters"}"""),
            FakeReply.ToolCall(Search, """{"query":"beavers"}"""),
            FakeReply.Text("Otters hold hands [1]."));

        var response = await owner.AskWidgetAsync(key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await response.Content.ReadFromJsonAsync<JsonElement>();
        var requests = app.Model.ChatRequests.Skip(before).ToList();
        Assert.Equal(3, requests.Count);
        var (input, output) = Usage(requests, [.. Completion(Search, """{"query":"otters"}"""), .. Completion(Search, """{"query":"beavers"}""")], "Otters hold hands [1].");
        Assert.Equal(input, reply.GetProperty("usage").GetProperty("inputTokens").GetInt64());
        Assert.Equal(output, reply.GetProperty("usage").GetProperty("outputTokens").GetInt64());
        await using var scope = app.CreateScope();
        var db = app.Db(scope);
        Assert.Equal(input + output, (await db.BotUsage.AsNoTracking().SingleAsync(u => u.BotId == bot)).Tokens);
        Assert.Equal(input + output, (await owner.TodayAsync())!.Tokens);
        var stored = await db.Messages.AsNoTracking().SingleAsync(m => m.Id == reply.GetProperty("messageId").GetGuid());
        Assert.Equal((input, output), ((long)stored.InputTokens!, (long)stored.OutputTokens!));
    }

    [Fact]
    public async Task A_model_that_would_search_forever_gets_three_tool_rounds_then_answers_without_tools()
    {
        var owner = await QuotaOwner.CreateAsync(app);
        var (bot, _) = await owner.CreateBotAsync();
        await owner.Api.IngestAsync(bot, "animals.md", TestFiles.Text(ZooBot.Animals));
        var before = app.Model.ChatRequests.Count;
        // Asks for the tool whenever it may; told it may not (tool_choice none), it answers.
        app.Model.Chat.Responder = request => request.ToolChoice == "none"
            ? FakeReply.Text("Otters hold hands while they sleep [1].")
            : FakeReply.ToolCall(Search, """{"query":"otters"}""");
        List<(string Event, JsonElement Data)> events;
        try
        {
            events = await Sse.ChatAsync(owner.Api.Http, bot, new { message = "Why do otters hold hands?" });
        }
        finally
        {
            app.Model.Chat.Responder = FakeChatScript.Echo;
        }

        var requests = app.Model.ChatRequests.Skip(before).ToList();
        Assert.Equal(["auto", "auto", "auto", "none"], requests.Select(r => r.ToolChoice));
        // Each round's call and its result reached the model; the last request still declares the tool (it may not call it).
        Assert.Equal(3, requests[^1].Messages.Count(m => m.Role == "tool"));
        Assert.Contains(Search, requests[^1].ToolNames);
        Assert.Equal("Otters hold hands while they sleep [1].", Sse.Text(events));
        var done = Assert.Single(events, e => e.Event == "done").Data;
        var calls = Enumerable.Repeat(Completion(Search, """{"query":"otters"}"""), 3).SelectMany(c => c).ToArray();
        var (input, output) = Usage(requests, calls, "Otters hold hands while they sleep [1].");
        Assert.Equal(input, done.GetProperty("usage").GetProperty("inputTokens").GetInt64());
        Assert.Equal(output, done.GetProperty("usage").GetProperty("outputTokens").GetInt64());
        Assert.Single(done.GetProperty("citations").EnumerateArray());
    }

    private static int[] Completion(string name, string arguments) => [TokenEstimate.Completion([new FakeToolCall(name, arguments)])];

    /// <summary>What the fake reported over these requests: each prompt, each tool call round's completion, and the answer.</summary>
    private static (long Input, long Output) Usage(List<FakeChatRequest> requests, int[] toolRounds, string answer) =>
        (requests.Sum(r => (long)TokenEstimate.Prompt(r)), toolRounds.Sum() + TokenEstimate.Of(answer));
}
