using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.Core.Domain;
using ChatSphere.IntegrationTests.Infrastructure;
using ChatSphere.IntegrationTests.Widget;
using ChatSphere.Testing.FakeOpenAi;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.IntegrationTests.Reliability;

/// <summary>
/// A model endpoint that hangs or answers garbage: every chat channel ends in bounded time with a retryable error and
/// stores no half answer; ingestion fails the document with a reason it can be reindexed from.
/// </summary>
[Collection(ModelFaultCollection.Name)]
public sealed class ModelFaultTests(ModelFaultFactory app)
{
    private const string Question = "Why do otters hold hands?";
    private const string Shop = "https://shop.example";

    /// <summary>The idle limit, and room for a busy machine; a channel still waiting after this hangs.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(ModelFaultFactory.IdleSeconds + 12);

    private static readonly string Article = string.Join("\n\n", Enumerable.Range(1, 40).Select(i =>
        $"Paragraph {i} tells how the river number {i} floods its valley every spring, and how the farmers of valley {i} " +
        $"store grain in stone barns so that the flood number {i} never reaches their winter food."));

    public static TheoryData<string> BrokenAnswers => ["not json", "malformed stream", "truncated stream", "stall mid-stream", "never answers"];

    [Theory]
    [MemberData(nameof(BrokenAnswers))]
    public async Task A_broken_model_answer_ends_every_channel_in_bounded_time_with_a_retryable_error_keeping_only_the_question(string broken)
    {
        var (api, browser, bot, publicKey) = await Channels.OwnerWithZooAsync(app, Shop);
        using var owner = api;
        using var signedIn = browser;
        using var visitor = WidgetVisitor.Create(app, Shop);
        var (token, _) = await visitor.SessionAsync(publicKey);
        app.Model.Chat.Responder = _ => Reply(broken);
        try
        {
            var clock = Stopwatch.StartNew();
            var sse = Sse.ChatAsync(api.Http, bot, new { message = Question });
            var json = api.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/chat", new { message = Question });
            var v1 = api.Http.PostAsJsonAsync("/v1/chat/completions", new { model = bot.ToString(), messages = new[] { new { role = "user", content = Question } } });
            var v1Stream = Channels.V1StreamAsync(api.Http, bot, Question);
            var widget = visitor.ChatEventsAsync(token, Question);
            var page = Channels.PageChatAsync(browser, bot, Question);
            await Task.WhenAll(sse, json, v1, v1Stream, widget, page).WaitAsync(Bound);
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, Bound);

            foreach (var events in new[] { await sse, await widget, await page })
            {
                var error = Assert.Single(events, e => e.Event == "error").Data;
                Assert.True(error.GetProperty("retryable").GetBoolean());
                Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("detail").GetString()));
                Assert.DoesNotContain(events, e => e.Event == "done");
            }

            var problem = await json;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, problem.StatusCode);
            Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
            var completion = await v1;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, completion.StatusCode);
            Assert.Equal("server_error", (await completion.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("type").GetString());
            var chunks = await v1Stream;
            Assert.Contains(chunks, c => c.Contains("\"error\"", StringComparison.Ordinal));
            Assert.DoesNotContain("[DONE]", chunks);
        }
        finally
        {
            app.Model.Chat.Responder = FakeChatScript.Echo;
        }

        // Six questions kept, no answer stored as if it were complete.
        await using var scope = app.CreateScope();
        var roles = await app.Db(scope).Messages.Where(m => m.Conversation!.BotId == bot).Select(m => m.Role).ToListAsync();
        Assert.Equal(Enumerable.Repeat(MessageRole.User, 6), roles);
    }

    [Theory]
    [InlineData(FakeEmbeddingFault.NotJson)]
    [InlineData(FakeEmbeddingFault.WrongDimensions)]
    public async Task Ingestion_with_a_garbage_embeddings_endpoint_fails_the_document_with_a_reason_and_a_reindex_recovers_it(FakeEmbeddingFault fault)
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync(new { name = "Remote embeddings", embeddingModel = FakeOpenAiServer.SmallEmbeddingModel });
        app.Model.EmbeddingFault = fault;
        Document failed;
        try
        {
            failed = await api.IngestAsync(bot, "rivers.txt", TestFiles.Text(Article));
        }
        finally
        {
            app.Model.EmbeddingFault = FakeEmbeddingFault.None;
        }

        Assert.Equal(DocumentStatus.Failed, failed.Status);
        Assert.Contains("embedding model", failed.Error);
        await using (var scope = app.CreateScope())
        {
            Assert.False(await app.Db(scope).Chunks.AnyAsync(c => c.DocumentId == failed.Id));
        }

        // The worker lives on, and the same document is embedded once the endpoint answers properly.
        Assert.Equal(HttpStatusCode.Accepted, (await api.Http.PostAsync($"/api/v1/bots/{bot}/documents/{failed.Id}/reindex", null)).StatusCode);
        var ready = await api.WaitForDocumentAsync(failed.Id);
        Assert.Equal(DocumentStatus.Ready, ready.Status);
        Assert.True(ready.ChunkCount > 1);
    }

    [Fact]
    public async Task A_query_embedding_that_hangs_or_is_garbage_falls_back_to_full_text_within_the_idle_limit()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync(new { name = "Remote embeddings", embeddingModel = FakeOpenAiServer.SmallEmbeddingModel });
        await api.IngestAsync(bot, "animals.md", TestFiles.Text(ZooBot.Animals));
        try
        {
            app.Model.EmbeddingDelay = TimeSpan.FromMinutes(5);
            var clock = Stopwatch.StartNew();
            var hits = await api.SearchAsync(bot, "beavers dams");
            Assert.Contains(hits, h => h.GetProperty("text").GetString()!.Contains("Beavers", StringComparison.Ordinal));
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(ModelFaultFactory.IdleSeconds - 0.5), Bound);

            app.Model.EmbeddingDelay = TimeSpan.Zero;
            app.Model.EmbeddingFault = FakeEmbeddingFault.NotJson;
            app.Model.Chat.Enqueue(FakeReply.Text("Otters hold hands [1]."));
            var events = await Sse.ChatAsync(api.Http, bot, new { message = Question }).WaitAsync(Bound);
            var done = Assert.Single(events, e => e.Event == "done").Data;
            Assert.Contains("Sea otters", Assert.Single(done.GetProperty("citations").EnumerateArray()).GetProperty("snippet").GetString());
        }
        finally
        {
            app.Model.EmbeddingDelay = TimeSpan.Zero;
            app.Model.EmbeddingFault = FakeEmbeddingFault.None;
        }
    }

    private static FakeReply Reply(string broken) => broken switch
    {
        "not json" => FakeReply.NotJson(),
        "malformed stream" => FakeReply.MalformedStream("Otters hold"),
        "truncated stream" => FakeReply.Truncated("Otters hold hands so"),
        "stall mid-stream" => FakeReply.Stall("Otters hold"),
        "never answers" => FakeReply.Hang(),
        _ => throw new ArgumentOutOfRangeException(nameof(broken)),
    };
}
