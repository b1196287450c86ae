using ChatSphere.Core.Bots;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Ingestion;
using ChatSphere.Core.Ingestion.Chunking;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChatSphere.IntegrationTests.Ingestion;

[Collection(IngestionCollection.Name)]
public sealed class IngestionJobTests(ModelsFactory app)
{
    private static readonly string Article = string.Join("\n\n", Enumerable.Range(1, 40).Select(i =>
        $"Paragraph {i} tells how the river number {i} floods its valley every spring, and how the farmers of valley {i} " +
        $"store grain in stone barns so that the flood number {i} never reaches their winter food."));

    [Fact]
    public async Task Running_the_job_twice_gives_the_same_chunks_and_no_duplicates()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();
        var document = await api.IngestAsync(bot, "rivers.txt", TestFiles.Text(Article));
        var first = await ChunkTextsAsync(document.Id);

        await RunJobAsync(document.Id);
        await RunJobAsync(document.Id);

        var again = await ChunkTextsAsync(document.Id);
        Assert.True(first.Count > 3);
        Assert.Equal(first, again);
        await using var scope = app.CreateScope();
        var stored = await app.Db(scope).Documents.AsNoTracking().SingleAsync(d => d.Id == document.Id);
        Assert.Equal(DocumentStatus.Ready, stored.Status);
        Assert.Equal(first.Count, stored.ChunkCount);
    }

    [Fact]
    public async Task Reindexing_replaces_chunks_atomically_so_readers_see_old_or_new_never_both_or_neither()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();
        var document = await api.IngestAsync(bot, "rivers.txt", TestFiles.Text(Article));
        var oldCount = document.ChunkCount;

        // New chunking gives a different number of chunks, so every reader's count tells which set it saw.
        await using (var scope = app.CreateScope())
        {
            await app.Db(scope).Bots.Where(b => b.Id == bot).ExecuteUpdateAsync(b => b.SetProperty(x => x.ChunkMaxTokens, 64).SetProperty(x => x.ChunkOverlapTokens, 0));
        }

        using var stop = new CancellationTokenSource();
        var seen = new HashSet<long>();
        var reader = Task.Run(async () =>
        {
            await using var connection = new NpgsqlConnection(app.DatabaseConnectionString);
            await connection.OpenAsync();
            while (!stop.IsCancellationRequested)
            {
                await using var command = new NpgsqlCommand("""SELECT count(*) FROM "Chunks" WHERE "DocumentId" = @d""", connection);
                command.Parameters.AddWithValue("d", document.Id);
                seen.Add((long)(await command.ExecuteScalarAsync())!);
            }
        });

        await RunJobAsync(document.Id);
        var newCount = (await ChunkTextsAsync(document.Id)).Count;
        await RunJobAsync(document.Id);
        await stop.CancelAsync();
        await reader;

        Assert.NotEqual(oldCount, newCount);
        Assert.Subset(new HashSet<long> { oldCount, newCount }, seen);
        Assert.Contains(newCount, seen);
    }

    [Fact]
    public async Task A_save_refused_because_the_bot_switched_models_leaves_chunks_and_state_as_they_were()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();
        var document = await api.IngestAsync(bot, "rivers.txt", TestFiles.Text(Article));
        var before = await ChunkTextsAsync(document.Id);
        await using var scope = app.CreateScope();
        var db = app.Db(scope);
        await db.Documents.Where(d => d.Id == document.Id).ExecuteUpdateAsync(d => d.SetProperty(x => x.Status, DocumentStatus.Embedding));
        var stored = await db.Documents.AsNoTracking().SingleAsync(d => d.Id == document.Id);

        // Embedded with a model the bot no longer answers with: the save deletes and marks nothing.
        var outcome = await scope.ServiceProvider.GetRequiredService<ChunkWriter>().ReplaceAsync(
            stored, stored.IngestionRun!.Value, [new TextChunk(0, "A replacement chunk.", 4, [], null)], ["rivers"], [new Pgvector.Vector(new float[384])], "another-model",
            CancellationToken.None);

        Assert.Equal(SaveOutcome.ModelChanged, outcome);
        Assert.Equal(before, await ChunkTextsAsync(document.Id));
        Assert.Equal(DocumentStatus.Embedding, (await db.Documents.AsNoTracking().SingleAsync(d => d.Id == document.Id)).Status);
    }

    [Fact]
    public async Task A_broken_pdf_fails_with_a_readable_error_and_can_be_retried()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();
        var broken = "%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage that is no PDF structure at all\n"u8.ToArray();
        var document = await api.IngestAsync(bot, "broken.pdf", broken, "application/pdf");
        Assert.Equal(DocumentStatus.Failed, document.Status);
        Assert.False(string.IsNullOrWhiteSpace(document.Error));
        Assert.DoesNotContain("Exception", document.Error);

        var retry = await api.Http.PostAsync($"/api/v1/bots/{bot}/documents/{document.Id}/reindex", null);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, retry.StatusCode);
        var again = await api.WaitForDocumentAsync(document.Id);
        Assert.Equal(DocumentStatus.Failed, again.Status);
        Assert.Equal(1, again.Attempts);
    }

    [Fact]
    public async Task A_document_whose_attempts_are_used_up_is_failed_without_running_again()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();
        var document = await api.IngestAsync(bot, "a.txt", TestFiles.Text("Some text about lighthouses."));
        await using (var scope = app.CreateScope())
        {
            // As if the worker process had crashed on each earlier attempt (Hangfire would start it again).
            await app.Db(scope).Documents.Where(d => d.Id == document.Id)
                .ExecuteUpdateAsync(d => d.SetProperty(x => x.Attempts, 3).SetProperty(x => x.Status, DocumentStatus.Extracting));
        }

        await RunJobAsync(document.Id);
        await using var check = app.CreateScope();
        var stored = await app.Db(check).Documents.AsNoTracking().SingleAsync(d => d.Id == document.Id);
        Assert.Equal(DocumentStatus.Failed, stored.Status);
        Assert.StartsWith("Gave up after 3 attempts", stored.Error);
    }

    [Fact]
    public async Task Deleting_a_document_removes_its_chunks_and_bytes()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();
        var document = await api.IngestAsync(bot, "a.txt", TestFiles.Text("Text about glaciers."));
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await api.Http.DeleteAsync($"/api/v1/bots/{bot}/documents/{document.Id}")).StatusCode);
        await using var scope = app.CreateScope();
        Assert.False(await app.Db(scope).Chunks.AnyAsync(c => c.DocumentId == document.Id));
        Assert.False(await app.Db(scope).DocumentContents.AnyAsync(c => c.DocumentId == document.Id));
    }

    private async Task RunJobAsync(Guid documentId)
    {
        await using var scope = app.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IngestDocumentJob>().RunAsync(documentId, CancellationToken.None);
        // Attempts count per run; reset as a re-index would, so the next run is not refused.
        await app.Db(scope).Documents.Where(d => d.Id == documentId).ExecuteUpdateAsync(d => d.SetProperty(x => x.Attempts, 0));
    }

    private async Task<List<string>> ChunkTextsAsync(Guid documentId)
    {
        await using var scope = app.CreateScope();
        return await app.Db(scope).Chunks.Where(c => c.DocumentId == documentId).OrderBy(c => c.Ordinal).Select(c => c.Text).ToListAsync();
    }
}
