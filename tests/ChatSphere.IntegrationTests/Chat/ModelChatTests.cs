using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.Core.Telemetry;
using ChatSphere.IntegrationTests.Infrastructure;
using ChatSphere.Testing.FakeOpenAi;
using Microsoft.EntityFrameworkCore;
using static ChatSphere.Core.Telemetry.ChatSphereTelemetry;

namespace ChatSphere.IntegrationTests.Chat;

/// <summary>The OpenAI-compatible path, against the fake server speaking the real wire format.</summary>
[Collection(ModelsCollection.Name)]
public sealed class ModelChatTests(ModelsFactory app)
{
    [Fact]
    public async Task A_streamed_answer_arrives_as_deltas_then_done_with_its_citation()
    {
        var (api, bot) = await ZooBot.CreateAsync(app);
        app.Model.Chat.Enqueue(FakeReply.Text("Sea otters hold hands so they do not drift apart [1].", perTokenDelay: TimeSpan.FromMilliseconds(5)));
        using var spans = new ActivityRecorder();

        var events = await Sse.ChatAsync(api.Http, bot, new { message = "Why do otters hold hands?" });

        Assert.True(events.Count(e => e.Event == "delta") > 3);
        Assert.Equal("Sea otters hold hands so they do not drift apart [1].", Sse.Text(events));
        var done = Assert.Single(events, e => e.Event == "done").Data;
        var citation = Assert.Single(done.GetProperty("citations").EnumerateArray());
        Assert.Contains("Sea otters hold hands", citation.GetProperty("snippet").GetString());
        Assert.False(done.GetProperty("offline").GetBoolean());
        Assert.True(done.GetProperty("usage").GetProperty("outputTokens").GetInt32() > 0);
        // Where the time went is in the turn's spans, not in the reply.
        Assert.False(done.TryGetProperty("timings", out _));
        var turn = await spans.TurnOfAsync(bot);
        var steps = spans.InTrace(turn.TraceId).Where(a => a.ParentSpanId == turn.SpanId).ToList();
        Assert.All(new[] { Spans.Auth, Spans.Load, Spans.History, Spans.Model, Spans.Save }, name => Assert.Single(steps, a => a.OperationName == name));
        Assert.Equal("api", turn.GetTagItem(Tags.Channel));
        Assert.Single(steps.Single(a => a.OperationName == Spans.Model).Events, e => e.Name == Spans.FirstToken);

        // The retrieval's own times are spans now, no longer parameters of the search: one search, embedded then run.
        var trace = spans.InTrace(turn.TraceId);
        var retrieval = Assert.Single(trace, s => s.OperationName == Spans.Retrieval);
        Assert.Equal(turn.SpanId, retrieval.ParentSpanId);
        Assert.All(new[] { Spans.Embed, Spans.Search },
            step => Assert.True(Assert.Single(trace, s => s.OperationName == step && s.ParentSpanId == retrieval.SpanId).Duration > TimeSpan.Zero));

        // The passages went to the model before it was asked, numbered for citing.
        var sent = app.Model.ChatRequests[^1];
        Assert.Contains(sent.Messages, m => m.Content?.Contains("[1] Animals > Otters") == true);
        Assert.Contains("knowledge-search_documents", sent.ToolNames);
        // The model can set the query and nothing else: the bot comes from the turn, not from a tool argument.
        var tool = Assert.Single(sent.Json.GetProperty("tools").EnumerateArray());
        var parameters = tool.GetProperty("function").GetProperty("parameters");
        Assert.Equal(["query"], parameters.GetProperty("properties").EnumerateObject().Select(p => p.Name));

        await using var scope = app.CreateScope();
        var stored = await app.Db(scope).Messages.AsNoTracking()
            .Where(m => m.ConversationId == done.GetProperty("conversationId").GetGuid()).OrderBy(m => m.CreatedAt).ToListAsync();
        Assert.Equal(2, stored.Count);
        Assert.Single(stored[1].Citations);
        Assert.NotNull(stored[1].LatencyMs);
    }

    [Fact]
    public async Task The_model_can_search_again_through_the_bots_plugin_and_cite_what_it_found()
    {
        var (api, bot) = await ZooBot.CreateAsync(app);
        app.Model.Chat.Enqueue(
            FakeReply.ToolCall("knowledge-search_documents", """{"query":"beavers dams"}"""),
            FakeReply.Text("Beavers build dams from branches and mud [2]."));
        var before = app.Model.ChatRequests.Count;

        var events = await Sse.ChatAsync(api.Http, bot, new { message = "Tell me about otters, and what else lives in rivers?" });

        var done = Assert.Single(events, e => e.Event == "done").Data;
        var requests = app.Model.ChatRequests.Skip(before).ToList();
        Assert.Equal(2, requests.Count);
        var toolResult = Assert.Single(requests[1].Messages, m => m.Role == "tool");
        Assert.Contains("Beavers build dams", toolResult.Content);
        Assert.Contains(done.GetProperty("citations").EnumerateArray(), c => c.GetProperty("snippet").GetString()!.Contains("Beavers"));
    }

    [Fact]
    public async Task Citations_to_passages_not_retrieved_in_this_turn_are_dropped()
    {
        var (api, bot) = await ZooBot.CreateAsync(app);
        app.Model.Chat.Enqueue(FakeReply.Text("Otters hold hands [1]. Also, penguins mate for life [9]."));
        var response = await api.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/chat", new { message = "Why do otters hold hands?" });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var citations = body.GetProperty("citations").EnumerateArray().ToList();
        Assert.Single(citations);
        Assert.Contains("otters", citations[0].GetProperty("snippet").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_429_is_retried_after_its_retry_after_and_then_answers()
    {
        var (api, bot) = await ZooBot.CreateAsync(app);
        app.Model.Chat.Enqueue(FakeReply.Error(429, "rate_limit_exceeded", "Slow down", TimeSpan.FromSeconds(1)), FakeReply.Text("Otters hold hands [1]."));
        var events = await Sse.ChatAsync(api.Http, bot, new { message = "Why do otters hold hands?" });
        Assert.Equal("Otters hold hands [1].", Sse.Text(events));
        Assert.Single(events, e => e.Event == "done");
    }

    [Fact]
    public async Task A_persistent_500_ends_with_a_clear_error_event()
    {
        var (api, bot) = await ZooBot.CreateAsync(app);
        app.Model.Chat.Enqueue(FakeReply.Error(500, "server_error", "Boom"), FakeReply.Error(500, "server_error", "Boom"));
        var events = await Sse.ChatAsync(api.Http, bot, new { message = "Why do otters hold hands?" });
        var error = Assert.Single(events, e => e.Event == "error").Data;
        Assert.Equal("model_unavailable", error.GetProperty("code").GetString());
        Assert.True(error.GetProperty("retryable").GetBoolean());
        Assert.DoesNotContain(events, e => e.Event == "done");
    }

    [Fact]
    public async Task A_stalled_stream_ends_with_a_timeout_error()
    {
        var (api, bot) = await ZooBot.CreateAsync(app);
        app.Model.Chat.Enqueue(FakeReply.Stall("Otters hold"));
        var events = await Sse.ChatAsync(api.Http, bot, new { message = "Why do otters hold hands?" });
        Assert.StartsWith("Otters hold", Sse.Text(events));
        var error = Assert.Single(events, e => e.Event == "error").Data;
        Assert.Equal("timeout", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_model_that_never_starts_its_answer_ends_with_a_timeout_error_after_the_idle_limit()
    {
        // The chat client has no network timeout of its own: the agent's idle limit (ModelsFactory's) covers the wait
        // for the response as well as the gaps between tokens.
        var (api, bot) = await ZooBot.CreateAsync(app);
        app.Model.Chat.Enqueue(FakeReply.Hang());
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var events = await Sse.ChatAsync(api.Http, bot, new { message = "Why do otters hold hands?" });

        var error = Assert.Single(events, e => e.Event == "error").Data;
        Assert.Equal("timeout", error.GetProperty("code").GetString());
        Assert.DoesNotContain(events, e => e.Event == "delta");
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(ModelsFactory.StreamIdleTimeoutSeconds - 0.1), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task When_the_user_stops_the_upstream_model_request_is_cancelled_too()
    {
        var (api, bot) = await ZooBot.CreateAsync(app);
        app.Model.Chat.Enqueue(FakeReply.Text(string.Join(' ', Enumerable.Repeat("otters", 400)), perTokenDelay: TimeSpan.FromMilliseconds(50)));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/bots/{bot}/chat")
        {
            Content = JsonContent.Create(new { message = "Why do otters hold hands?" }),
        };
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var stop = new CancellationTokenSource();
        var response = await api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
        while (await reader.ReadLineAsync(stop.Token) is { } line && !line.StartsWith("event: delta", StringComparison.Ordinal))
        {
        }

        Assert.Equal(1, app.Model.ActiveChatResponses);
        await stop.CancelAsync();
        response.Dispose();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (app.Model.ActiveChatResponses > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(0, app.Model.ActiveChatResponses);
    }

    [Fact]
    public async Task Regenerate_answers_the_last_question_again_and_replaces_the_old_answer()
    {
        var (api, bot) = await ZooBot.CreateAsync(app);
        app.Model.Chat.Enqueue(FakeReply.Text("First try [1]."), FakeReply.Text("Second try [1]."));
        var first = await (await api.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/chat", new { message = "Why do otters hold hands?" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var conversation = first.GetProperty("conversationId").GetGuid();

        var again = await api.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/chat", new { conversationId = conversation, regenerate = true });
        again.EnsureSuccessStatusCode();
        Assert.Equal("Second try [1].", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reply").GetString());
        Assert.Equal("Why do otters hold hands?", app.Model.ChatRequests[^1].LastUserMessage?.Split("Question: ")[^1]);

        var detail = await api.Http.GetFromJsonAsync<JsonElement>($"/api/v1/bots/{bot}/conversations/{conversation}");
        var messages = detail.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").GetString()).ToList();
        Assert.Equal(["Why do otters hold hands?", "Second try [1]."], messages);
    }

    [Fact]
    public async Task Grounded_only_with_nothing_found_answers_with_the_fallback_and_calls_no_model()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync(new { name = "No documents", fallbackMessage = "Nothing on that in my documents." });
        var before = app.Model.ChatRequests.Count;
        var events = await Sse.ChatAsync(api.Http, bot, new { message = "What is the capital of Mongolia?" });
        Assert.Equal("Nothing on that in my documents.", Sse.Text(events));
        Assert.Equal(before, app.Model.ChatRequests.Count);
    }

    [Fact]
    public async Task A_long_history_is_trimmed_to_the_token_budget_keeping_the_newest_messages()
    {
        var (api, bot) = await ZooBot.CreateAsync(app);
        app.Model.Chat.Enqueue(FakeReply.Text("Opening [1]."));
        var first = await (await api.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/chat", new { message = "Hello otters" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var conversation = first.GetProperty("conversationId").GetGuid();

        // 30 earlier exchanges of about 300 tokens each: far over the 3,000-token history budget.
        await using (var scope = app.CreateScope())
        {
            var db = app.Db(scope);
            var start = DateTimeOffset.UtcNow.AddHours(-1);
            for (var i = 0; i < 30; i++)
            {
                var filler = string.Join(' ', Enumerable.Repeat($"turn{i} river otter story", 60));
                db.Messages.Add(new ChatSphere.Core.Domain.Message { ConversationId = conversation, Role = ChatSphere.Core.Domain.MessageRole.User, Content = $"Question {i}: {filler}", CreatedAt = start.AddSeconds(2 * i) });
                db.Messages.Add(new ChatSphere.Core.Domain.Message { ConversationId = conversation, Role = ChatSphere.Core.Domain.MessageRole.Assistant, Content = $"Answer {i}: {filler}", CreatedAt = start.AddSeconds((2 * i) + 1) });
            }

            await db.SaveChangesAsync();
        }

        app.Model.Chat.Enqueue(FakeReply.Text("Fine [1]."));
        var response = await api.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/chat", new { message = "And now?", conversationId = conversation });
        response.EnsureSuccessStatusCode();

        var sent = app.Model.ChatRequests[^1].Messages;
        var earlier = sent.Where(m => m.Role is "user" or "assistant").SkipLast(1).ToList();
        Assert.InRange(earlier.Count, 2, 20);
        Assert.Contains(earlier, m => m.Content!.Contains("Opening [1]."));
        Assert.DoesNotContain(earlier, m => m.Content!.StartsWith("Question 0:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Chatting_with_another_users_bot_is_404()
    {
        var (_, bot) = await ZooBot.CreateAsync(app);
        using var intruder = await ApiClient.CreateAsync(app, "intruder");
        var response = await intruder.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/chat", new { message = "hi" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
