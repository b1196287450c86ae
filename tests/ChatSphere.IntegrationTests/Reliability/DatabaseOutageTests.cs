using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.Agents.Retrieval;
using ChatSphere.Core.Domain;
using ChatSphere.IntegrationTests.Infrastructure;
using ChatSphere.Testing.FakeOpenAi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.IntegrationTests.Reliability;

/// <summary>
/// PostgreSQL restarted under the running site (its own <see cref="ThrowawayCluster"/>): requests meanwhile fail soon with
/// a retryable error, and afterwards chat, search and ingestion work again without restarting the site.
/// </summary>
[Collection(OutageCollection.Name)]
public sealed class DatabaseOutageTests(OutageFactory app)
{
    private const string Question = "Why do otters hold hands?";

    /// <summary>EF's retries take about 4 s; anything past this is a hang.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task After_a_fast_restart_the_first_requests_succeed_although_every_pooled_connection_is_dead()
    {
        var (api, bot) = await ZooBot.CreateAsync(app);
        using var owner = api;
        Bot zoo;
        await using (var scope = app.CreateScope())
        {
            zoo = await app.Db(scope).Bots.AsNoTracking().SingleAsync(b => b.Id == bot);
        }

        // Several connections in the pool, each of which the restart kills without the site knowing.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => api.SearchAsync(bot, "otters")));
        await app.Cluster.RestartAsync();

        // The raw Npgsql path first, with no EF query before it to find the dead connections.
        await using (var scope = app.CreateScope())
        {
            var hits = await scope.ServiceProvider.GetRequiredService<KnowledgeSearch>().SearchAsync(zoo, "otters hold hands", 3, CancellationToken.None);
            Assert.Contains(hits, h => h.Text.Contains("Sea otters", StringComparison.Ordinal));
        }

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => api.SearchAsync(bot, "beavers")));
        await app.Cluster.RestartAsync();

        // EF and raw paths side by side: reading the bot, a model answer (stored), a search, and an upload ingested.
        app.Model.Chat.Enqueue(FakeReply.Text("Otters hold hands [1]."));
        var read = api.Http.GetAsync($"/api/v1/bots/{bot}");
        var chat = api.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/chat", new { message = Question });
        var search = api.SearchAsync(bot, "beavers dams");
        var ingest = api.IngestAsync(bot, "lighthouses.txt", TestFiles.Text("Lighthouses guide ships past rocks at night."));
        Assert.Equal(HttpStatusCode.OK, (await read).StatusCode);
        var answered = await chat;
        Assert.True(answered.IsSuccessStatusCode, await answered.Content.ReadAsStringAsync());
        Assert.Equal("Otters hold hands [1].", (await answered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reply").GetString());
        Assert.NotEmpty(await search);
        Assert.Equal(DocumentStatus.Ready, (await ingest).Status);
    }

    [Fact]
    public async Task During_an_outage_requests_end_soon_with_retryable_errors_and_afterwards_everything_works_again()
    {
        var email = await Accounts.CreateOwnerAsync(app);
        using var api = await ApiClient.ForAsync(app, email);
        using var browser = await Accounts.BrowserAsync(app, email);
        var bot = await api.CreateBotAsync(new { name = "Zoo" });
        await api.IngestAsync(bot, "animals.md", TestFiles.Text(ZooBot.Animals));
        var remote = await api.CreateBotAsync(new { name = "Remote embeddings", embeddingModel = FakeOpenAiServer.SmallEmbeddingModel });
        Assert.Equal(DocumentStatus.Ready, (await api.IngestAsync(remote, "rivers.txt", TestFiles.Text("Rivers flood their valleys in spring."))).Status);

        // A second, offline site on the same cluster: the offline answerer rides the same outage.
        await using var offline = new ChatSphereFactory { ConnectionString = await app.Cluster.AddDatabaseAsync("offline") };
        await ((IAsyncLifetime)offline).InitializeAsync();
        var (offlineApi, offlineBot) = await ZooBot.CreateAsync(offline);
        using var offlineOwner = offlineApi;

        // In flight when the database goes: an answer whose model is slow to start, and a document being embedded.
        app.Model.Chat.Enqueue(FakeReply.Text("Otters hold hands [1].", firstTokenDelay: TimeSpan.FromSeconds(2)));
        var chatsBefore = app.Model.ChatRequests.Count;
        var streaming = Sse.ChatAsync(api.Http, bot, new { message = Question });
        await WaitUntilAsync(() => app.Model.ChatRequests.Count > chatsBefore);
        app.Model.EmbeddingDelay = TimeSpan.FromSeconds(2);
        var embeddingsBefore = app.Model.EmbeddingRequests.Count;
        var upload = await api.UploadAsync(remote, "lakes.txt", TestFiles.Text("Lakes freeze from the top down in winter."));
        var lakes = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await WaitUntilAsync(() => app.Model.EmbeddingRequests.Count > embeddingsBefore);

        await app.Cluster.StopAsync();
        try
        {
            var clock = Stopwatch.StartNew();
            using var page = new HttpRequestMessage(HttpMethod.Get, "/Bots");
            page.Headers.Accept.ParseAdd("text/html");
            var outage = await Task.WhenAll(
                api.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/chat", new { message = Question }),
                api.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/search", new { query = "otters" }),
                api.UploadAsync(bot, "more.txt", TestFiles.Text("More about otters.")),
                api.Http.PostAsJsonAsync("/v1/chat/completions", new { model = bot.ToString(), messages = new[] { new { role = "user", content = Question } } }),
                offlineOwner.Http.PostAsJsonAsync($"/api/v1/bots/{offlineBot}/chat", new { message = Question }),
                api.Http.GetAsync("/health/ready"),
                browser.Http.SendAsync(page));
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, Bound);

            foreach (var problem in outage[..3].Append(outage[4]))
            {
                await AssertRetryableProblemAsync(problem);
            }

            var v1 = outage[3];
            var v1Body = await v1.Content.ReadAsStringAsync();
            Assert.True(v1.StatusCode == HttpStatusCode.ServiceUnavailable && v1Body.Contains("\"error\"", StringComparison.Ordinal), $"/v1: {(int)v1.StatusCode} {v1Body}");
            var error = JsonDocument.Parse(v1Body).RootElement.GetProperty("error");
            Assert.Equal(("database_unavailable", "server_error"), (error.GetProperty("code").GetString(), error.GetProperty("type").GetString()));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, outage[5].StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, outage[6].StatusCode);
            Assert.Equal("text/html", outage[6].Content.Headers.ContentType?.MediaType);
            Assert.Contains("Temporarily unavailable", await outage[6].Content.ReadAsStringAsync());

            // The answer streamed while the database was away could not be stored: an error event, not a done.
            var events = await streaming.WaitAsync(Bound);
            var failed = Assert.Single(events, e => e.Event == "error").Data;
            Assert.Equal("database_unavailable", failed.GetProperty("code").GetString());
            Assert.True(failed.GetProperty("retryable").GetBoolean());
            Assert.DoesNotContain(events, e => e.Event == "done");
        }
        finally
        {
            app.Model.EmbeddingDelay = TimeSpan.Zero;
            await app.Cluster.StartServerAsync();
        }

        // Back, without restarting either site.
        await WaitUntilAsync(async () => (await api.Http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK);
        var answered = await Sse.ChatAsync(api.Http, bot, new { message = Question });
        Assert.Single(answered, e => e.Event == "done");
        var offlineAnswer = await offlineOwner.Http.PostAsJsonAsync($"/api/v1/bots/{offlineBot}/chat", new { message = Question });
        Assert.Equal(HttpStatusCode.OK, offlineAnswer.StatusCode);
        Assert.NotEmpty(await api.SearchAsync(bot, "beavers dams"));
        Assert.Equal(DocumentStatus.Ready, (await api.IngestAsync(bot, "more.txt", TestFiles.Text("More about otters."))).Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/Bots")).StatusCode);

        // The turn cut off by the outage kept its question and stored no half answer; the one after is whole.
        await using (var scope = app.CreateScope())
        {
            var messages = await app.Db(scope).Messages.AsNoTracking().Where(m => m.Conversation!.BotId == bot)
                .OrderBy(m => m.CreatedAt).Select(m => new { m.ConversationId, m.Role, m.Content }).ToListAsync();
            var conversations = messages.GroupBy(m => m.ConversationId).Select(c => c.Select(m => m.Role).ToList()).ToList();
            Assert.Equal(2, conversations.Count);
            Assert.Equal([MessageRole.User], conversations[0]);
            Assert.Equal([MessageRole.User, MessageRole.Assistant], conversations[1]);
            Assert.All(messages.Where(m => m.Role == MessageRole.User), m => Assert.Equal(Question, m.Content));
        }

        // The document whose job ran into the outage is ready (Hangfire retried it), or says why it is not and can be
        // reindexed. Hangfire backs off after its own failed polls during the outage, so its retry may take a while.
        var document = await SettledAsync(lakes, TimeSpan.FromSeconds(30));
        if (document.Status != DocumentStatus.Ready)
        {
            Assert.False(string.IsNullOrWhiteSpace(document.Error), $"{document.Status} without a reason");
            Assert.Equal(HttpStatusCode.Accepted, (await api.Http.PostAsync($"/api/v1/bots/{remote}/documents/{lakes}/reindex", null)).StatusCode);
            document = await api.WaitForDocumentAsync(lakes);
        }

        Assert.Equal(DocumentStatus.Ready, document.Status);
    }

    /// <summary>The document once it is ready or failed, or as it is after <paramref name="wait"/>.</summary>
    private async Task<Document> SettledAsync(Guid documentId, TimeSpan wait)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using var scope = app.CreateScope();
            var document = await app.Db(scope).Documents.AsNoTracking().SingleAsync(d => d.Id == documentId);
            if (document.Status is DocumentStatus.Ready or DocumentStatus.Failed || clock.Elapsed > wait)
            {
                return document;
            }

            await Task.Delay(100);
        }
    }

    private static async Task AssertRetryableProblemAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal("database_unavailable", problem.GetProperty("code").GetString());
        Assert.Contains("try again", problem.GetProperty("detail").GetString());
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < Bound, "Timed out waiting");
            await Task.Delay(50);
        }
    }
}
