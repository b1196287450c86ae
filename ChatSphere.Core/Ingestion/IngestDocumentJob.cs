using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Ingestion.Chunking;
using ChatSphere.Core.Ingestion.Extraction;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatSphere.Core.Ingestion;

/// <summary>
/// One document's ingestion, in four named steps: extract, chunk, embed, save. Takes only the id, records its
/// state on the document row, and is safe to run twice (save replaces the document's chunks atomically).
/// </summary>
public sealed class IngestDocumentJob(
    AppDbContext db,
    DocumentExtraction extraction,
    Chunker chunker,
    ChunkEmbedder embedder,
    ChunkWriter writer,
    IOptions<IngestionOptions> options,
    ILogger<IngestDocumentJob> logger)
{
    [JobDisplayName("Ingest document {0}")]
    [AutomaticRetry(Attempts = 2, DelaysInSeconds = [10, 60], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var document = await db.Documents.Include(d => d.Bot).FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        if (document?.Bot is null)
        {
            logger.LogInformation("Document {DocumentId} was deleted before ingestion", documentId);
            return;
        }

        // Counted before any work, so a parser that kills the process still uses up an attempt.
        document.Attempts++;
        if (document.Attempts > options.Value.MaxAttempts)
        {
            await FailAsync(document, $"Gave up after {options.Value.MaxAttempts} attempts. {document.Error}".Trim(), cancellationToken);
            return;
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        long extractMs = 0, chunkedAt = 0;
        try
        {
            await SetStatusAsync(document, DocumentStatus.Extracting, cancellationToken);
            var extracted = await ExtractAsync(document, cancellationToken);

            extractMs = watch.ElapsedMilliseconds;
            await SetStatusAsync(document, DocumentStatus.Chunking, cancellationToken);
            var chunks = chunker.Chunk(extracted, new ChunkingOptions(document.Bot.ChunkMaxTokens, document.Bot.ChunkOverlapTokens));
            if (chunks.Count == 0)
            {
                throw new ExtractionFailedException("No text was found in the file.");
            }

            document.ChunkCount = chunks.Count;
            document.ChunksEmbedded = 0;
            chunkedAt = watch.ElapsedMilliseconds;
            await SetStatusAsync(document, DocumentStatus.Embedding, cancellationToken);
            var name = HeadingPaths.DocumentName(extracted.Title, document.FileName);
            var headingPaths = chunks.Select(c => HeadingPaths.Join(name, c.HeadingPath)).ToList();
            var (outcome, model) = (SaveOutcome.ModelChanged, "");
            for (var pass = 0; pass < 3 && outcome == SaveOutcome.ModelChanged; pass++)
            {
                await db.Entry(document.Bot).ReloadAsync(cancellationToken);
                model = embedder.ModelFor(document.Bot);
                var vectors = await embedder.EmbedAsync(model, chunks, headingPaths, done => ReportProgressAsync(document.Id, done), cancellationToken);
                outcome = await writer.ReplaceAsync(document, chunks, headingPaths, vectors, model, cancellationToken);
            }

            if (outcome != SaveOutcome.Saved)
            {
                logger.LogInformation("Document {DocumentId} not saved: {Outcome}", documentId, outcome);
                if (outcome == SaveOutcome.ModelChanged)
                {
                    throw new InvalidOperationException("The bot's embedding model kept changing during ingestion.");
                }

                return;
            }

            logger.LogInformation(
                "Document {DocumentId} ready: {ChunkCount} chunks embedded with {Model}; extract {ExtractMs} ms, chunk {ChunkMs} ms, embed and save {SaveMs} ms",
                documentId, chunks.Count, model, extractMs, chunkedAt - extractMs, watch.ElapsedMilliseconds - chunkedAt);
        }
        catch (Exception ex) when (ex is UnsupportedDocumentException or ExtractionFailedException)
        {
            await FailAsync(document, ex.Message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var final = document.Attempts >= options.Value.MaxAttempts;
            document.Error = final ? $"Ingestion failed: {ex.Message}" : $"Attempt {document.Attempts} failed, retrying: {ex.Message}";
            document.Status = final ? DocumentStatus.Failed : DocumentStatus.Queued;
            document.UpdatedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync(CancellationToken.None);
            logger.LogWarning(ex, "Ingestion of {DocumentId} failed (attempt {Attempt})", documentId, document.Attempts);
            if (!final)
            {
                throw;
            }
        }
    }

    private async Task<ExtractedDocument> ExtractAsync(Document document, CancellationToken cancellationToken)
    {
        var bytes = await db.DocumentContents.Where(c => c.DocumentId == document.Id).Select(c => c.Bytes).SingleAsync(cancellationToken);
        var kind = DocumentInspector.Inspect(document.FileName, document.ContentType, bytes);
        return await extraction.ExtractAsync(kind, bytes, cancellationToken);
    }

    private async Task SetStatusAsync(Document document, DocumentStatus status, CancellationToken cancellationToken)
    {
        document.Status = status;
        document.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
    }

    private Task ReportProgressAsync(Guid documentId, int embedded) =>
        db.Documents.Where(d => d.Id == documentId)
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.ChunksEmbedded, embedded).SetProperty(x => x.UpdatedAt, DateTimeOffset.UtcNow));

    private async Task FailAsync(Document document, string error, CancellationToken cancellationToken)
    {
        document.Status = DocumentStatus.Failed;
        document.Error = error;
        document.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        logger.LogWarning("Document {DocumentId} failed: {Error}", document.Id, error);
    }
}
