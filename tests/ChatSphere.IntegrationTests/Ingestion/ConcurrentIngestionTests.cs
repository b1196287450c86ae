using System.Net;
using System.Net.Http.Json;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Ingestion;
using ChatSphere.IntegrationTests.Infrastructure;
using ChatSphere.Testing.FakeOpenAi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.IntegrationTests.Ingestion;

/// <summary>
/// Runs of one document's job that overlap, or stop half-way, started directly from scopes; the fake endpoint holds
/// their embedding requests so they are caught mid-embedding.
/// </summary>
[Collection(IngestionCollection.Name)]
public sealed class ConcurrentIngestionTests(ModelsFactory app) : IDisposable
{
    private const string Model = FakeOpenAiServer.SmallEmbeddingModel;

    private static readonly string Article = string.Join("\n\n", Enumerable.Range(1, 30).Select(i =>
        $"Note {i}: the lighthouse number {i} on cape {i % 7} flashes {i} times every minute and is kept by family {i}."));

    [Fact]
    public async Task Two_overlapping_runs_of_one_document_end_ready_with_one_set_of_chunks()
    {
        var (_, document) = await ReadyDocumentAsync();
        var hold = Hold();
        var first = RunAsync(document.Id, CancellationToken.None);
        await WaitForHeldRequestsAsync(1);
        var second = RunAsync(document.Id, CancellationToken.None);
        await WaitForHeldRequestsAsync(2);

        hold.SetResult();
        await Task.WhenAll(first, second);

        var stored = await DocumentAsync(document.Id);
        Assert.Equal(DocumentStatus.Ready, stored.Status);
        Assert.Null(stored.Error);
        var ordinals = await OrdinalsAsync(document.Id);
        Assert.Equal(document.ChunkCount, stored.ChunkCount);
        Assert.Equal(Enumerable.Range(0, stored.ChunkCount), ordinals);
    }

    [Fact]
    public async Task An_overtaken_run_that_fails_leaves_the_newer_runs_ready_document_as_it_is()
    {
        var (_, document) = await ReadyDocumentAsync();
        var hold = Hold();
        var older = RunAsync(document.Id, CancellationToken.None);
        await WaitForHeldRequestsAsync(1);

        // A newer run (a reindex, a second worker) goes through and makes the document ready.
        app.Model.EmbeddingHolds.Remove(Model);
        await RunAsync(document.Id, CancellationToken.None);
        var ready = await DocumentAsync(document.Id);
        Assert.Equal(DocumentStatus.Ready, ready.Status);

        // Then the older run's embedding fails, retry included.
        app.Model.FailNext(2, 500);
        hold.SetResult();
        await older;

        var stored = await DocumentAsync(document.Id);
        Assert.Equal((DocumentStatus.Ready, (string?)null, ready.UpdatedAt), (stored.Status, stored.Error, stored.UpdatedAt));
        Assert.Equal(Enumerable.Range(0, stored.ChunkCount), await OrdinalsAsync(document.Id));
    }

    [Fact]
    public async Task A_run_cancelled_mid_embedding_leaves_the_document_failed_with_a_reason_and_a_reindex_succeeds()
    {
        var (api, document) = await ReadyDocumentAsync();
        using var _ = api;
        var hold = Hold();
        using var cancel = new CancellationTokenSource();
        var run = RunAsync(document.Id, cancel.Token);
        await WaitForHeldRequestsAsync(1);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        var stored = await DocumentAsync(document.Id);
        Assert.Equal(DocumentStatus.Failed, stored.Status);
        Assert.Contains("cancelled", stored.Error);

        app.Model.EmbeddingHolds.Remove(Model);
        hold.SetResult();
        var reindex = await api.Http.PostAsync($"/api/v1/bots/{document.BotId}/documents/{document.Id}/reindex", null);
        Assert.Equal(HttpStatusCode.Accepted, reindex.StatusCode);
        var again = await api.WaitForDocumentAsync(document.Id);
        Assert.Equal((DocumentStatus.Ready, (string?)null), (again.Status, again.Error));
        Assert.Equal(Enumerable.Range(0, again.ChunkCount), await OrdinalsAsync(document.Id));
    }

    /// <summary>A bot on the fake endpoint's small model with one ingested document.</summary>
    private async Task<(ApiClient Api, Document Document)> ReadyDocumentAsync()
    {
        var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync(new { name = "Lighthouses", embeddingModel = Model, chunkMaxTokens = 40, chunkOverlapTokens = 0 });
        var document = await api.IngestAsync(bot, "lighthouses.txt", TestFiles.Text(Article));
        Assert.Equal(DocumentStatus.Ready, document.Status);
        Assert.True(document.ChunkCount > 3);
        return (api, document);
    }

    private int _requestsBeforeHold;

    public void Dispose() => app.Model.EmbeddingHolds.Remove(Model);

    private TaskCompletionSource Hold()
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _requestsBeforeHold = SmallRequests();
        app.Model.EmbeddingHolds[Model] = hold.Task;
        return hold;
    }

    /// <summary>Waits until <paramref name="count"/> embedding requests have arrived since the hold began.</summary>
    private async Task WaitForHeldRequestsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (SmallRequests() < _requestsBeforeHold + count)
        {
            Assert.True(DateTime.UtcNow < deadline, "The run never reached the embedding step");
            await Task.Delay(20);
        }
    }

    private int SmallRequests() => app.Model.EmbeddingRequests.Count(r => r.Model == Model);

    private async Task RunAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var scope = app.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IngestDocumentJob>().RunAsync(documentId, cancellationToken);
    }

    private async Task<Document> DocumentAsync(Guid id)
    {
        await using var scope = app.CreateScope();
        return await app.Db(scope).Documents.AsNoTracking().SingleAsync(d => d.Id == id);
    }

    private async Task<List<int>> OrdinalsAsync(Guid documentId)
    {
        await using var scope = app.CreateScope();
        return await app.Db(scope).Chunks.Where(c => c.DocumentId == documentId).OrderBy(c => c.Ordinal).Select(c => c.Ordinal).ToListAsync();
    }
}
