using System.Net.Http.Json;
using ChatSphere.IntegrationTests.Infrastructure;
using ChatSphere.Testing.FakeOpenAi;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.IntegrationTests.Ingestion;

[Collection(IngestionCollection.Name)]
public sealed class EmbeddingSwitchTests(ModelsFactory app)
{
    [Fact]
    public async Task Changing_the_embedding_model_re_embeds_in_the_background_while_the_old_vectors_answer()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync(new { name = "Switcher", chunkMaxTokens = 40, chunkOverlapTokens = 0 });
        var text = string.Join("\n\n", Enumerable.Range(1, 30).Select(i => $"Harbour note {i}: the ferry number {i} leaves pier {i % 5} at {i}:15 every weekday."));
        var document = await api.IngestAsync(bot, "ferries.txt", TestFiles.Text(text));
        Assert.True(document.ChunkCount >= 10);

        // The fake endpoint answers slowly, so the switch takes a while and searches run during it.
        app.Model.EmbeddingDelay = TimeSpan.FromMilliseconds(300);
        try
        {
            var put = await api.Http.PutAsJsonAsync($"/api/v1/bots/{bot}", new { embeddingModel = "fake-embed-small" });
            put.EnsureSuccessStatusCode();

            var models = new HashSet<string>();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            string? active;
            do
            {
                var results = await api.SearchAsync(bot, "When does ferry 7 leave?", 5);
                Assert.Equal(5, results.Count);
                await using var scope = app.CreateScope();
                var db = app.Db(scope);
                // Never a mixture: every chunk of the bot carries the same model and dimension at any moment, the bot's
                // active one. One statement reads both, so one snapshot: the swap could commit between two reads.
                var kinds = await db.Chunks.Where(c => c.BotId == bot)
                    .Select(c => new
                    {
                        c.EmbeddingModel,
                        c.EmbeddingDimensions,
                        Active = db.Bots.Where(b => b.Id == bot).Select(b => b.ActiveEmbeddingModel).FirstOrDefault(),
                    })
                    .Distinct().ToListAsync();
                var kind = Assert.Single(kinds);
                active = kind.Active;
                Assert.Equal(active, kind.EmbeddingModel);
                models.Add(kind.EmbeddingModel!);
                Assert.True(DateTime.UtcNow < deadline, "The switch did not finish in time");
                await Task.Delay(100);
            }
            while (active != "fake-embed-small");

            Assert.Equal(["chatsphere-hash-v1", "fake-embed-small"], models.Order());
            await using var after = app.CreateScope();
            Assert.All(await app.Db(after).Chunks.Where(c => c.BotId == bot).ToListAsync(), c => Assert.Equal(16, c.EmbeddingDimensions));
            Assert.False(await app.Db(after).PendingEmbeddings.AnyAsync(p => p.BotId == bot));
            Assert.Contains(app.Model.Requests, r => r.Path == "/v1/embeddings");
            Assert.NotEmpty(await api.SearchAsync(bot, "When does ferry 7 leave?", 5));
        }
        finally
        {
            app.Model.EmbeddingDelay = TimeSpan.Zero;
        }
    }
}
