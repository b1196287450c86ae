using System.Net.Http.Json;
using ChatSphere.IntegrationTests.Infrastructure;
using ChatSphere.Testing.FakeOpenAi;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.IntegrationTests.Ingestion;

/// <summary>Two embedding-model changes in quick succession, through the API and the real Hangfire server.</summary>
[Collection(IngestionCollection.Name)]
public sealed class EmbeddingModelRaceTests(ModelsFactory app) : IDisposable
{
    public void Dispose() => app.Model.EmbeddingHolds.Remove(FakeOpenAiServer.SmallEmbeddingModel);

    [Fact]
    public async Task Two_quick_model_changes_end_on_the_second_with_every_chunk_on_it()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync(new { name = "Indecisive", chunkMaxTokens = 40, chunkOverlapTokens = 0 });
        var text = string.Join("\n\n", Enumerable.Range(1, 20).Select(i => $"Tide table {i}: high water at harbour {i % 4} is at {i}:30 on day {i}."));
        var document = await api.IngestAsync(bot, "tides.txt", TestFiles.Text(text));
        Assert.True(document.ChunkCount > 3);

        // The first change's job is caught mid-embedding while the owner changes their mind.
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Model.EmbeddingHolds[FakeOpenAiServer.SmallEmbeddingModel] = hold.Task;
        (await api.Http.PutAsJsonAsync($"/api/v1/bots/{bot}", new { embeddingModel = FakeOpenAiServer.SmallEmbeddingModel })).EnsureSuccessStatusCode();
        await Until(() => Task.FromResult(app.Model.EmbeddingRequests.Any(r => r.Model == FakeOpenAiServer.SmallEmbeddingModel)), "the first job to embed");
        (await api.Http.PutAsJsonAsync($"/api/v1/bots/{bot}", new { embeddingModel = FakeOpenAiServer.LargeEmbeddingModel })).EnsureSuccessStatusCode();
        await Until(async () => await ActiveModelAsync(bot) == FakeOpenAiServer.LargeEmbeddingModel, "the second job to switch");

        // Now the first job resumes: it must notice it was overtaken, not switch the bot back.
        hold.SetResult();
        await Until(JobsIdleAsync, "the first job to end");

        Assert.Equal(FakeOpenAiServer.LargeEmbeddingModel, await ActiveModelAsync(bot));
        await using var scope = app.CreateScope();
        var db = app.Db(scope);
        var kinds = await db.Chunks.Where(c => c.BotId == bot).Select(c => new { c.EmbeddingModel, c.EmbeddingDimensions }).Distinct().ToListAsync();
        Assert.Equal((FakeOpenAiServer.LargeEmbeddingModel, 32), Assert.Single(kinds.Select(k => (k.EmbeddingModel, k.EmbeddingDimensions))));
        Assert.Equal(document.ChunkCount, await db.Chunks.CountAsync(c => c.BotId == bot));
        Assert.False(await db.PendingEmbeddings.AnyAsync(p => p.BotId == bot));
        Assert.NotEmpty(await api.SearchAsync(bot, "When is high water at harbour 2?"));
    }

    private async Task<string?> ActiveModelAsync(Guid bot)
    {
        await using var scope = app.CreateScope();
        return await app.Db(scope).Bots.Where(b => b.Id == bot).Select(b => b.ActiveEmbeddingModel).SingleAsync();
    }

    private Task<bool> JobsIdleAsync()
    {
        var monitoring = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        return Task.FromResult(monitoring.ProcessingCount() == 0 && monitoring.EnqueuedCount("default") == 0);
    }

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}");
            await Task.Delay(50);
        }
    }
}
