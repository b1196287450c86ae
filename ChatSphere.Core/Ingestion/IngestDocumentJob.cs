using System.Diagnostics;
using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Ingestion.Chunking;
using ChatSphere.Core.Ingestion.Extraction;
using ChatSphere.Core.Languages;
using ChatSphere.Core.Telemetry;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pgvector;

namespace ChatSphere.Core.Ingestion;

/// <summary>
/// One document's ingestion, in four named steps: extract, chunk, embed, save. Takes only the id, records its
/// state on the document row, and is safe to run twice, even at once: save replaces the document's chunks atomically,
/// and the newest run owns the document's state (<see cref="DocumentRun"/>), so an overtaken one stops.
/// Each run is an <c>ingest.document</c> span with a child span per step; its outcome tag is ready, failed, retrying,
/// deleted, superseded or cancelled. A document marked failed counts in the failures metric with its step and a reason
/// (unsupported, unreadable, error, attempts_exhausted).
/// </summary>
public sealed class IngestDocumentJob(
    AppDbContext db,
    DocumentExtraction extraction,
    Chunker chunker,
    ChunkEmbedder embedder,
    ChunkWriter writer,
    LanguageDetection languages,
    IOptions<IngestionOptions> options,
    ChatSphereMetrics metrics,
    IHostApplicationLifetime lifetime,
    ILogger<IngestDocumentJob> logger)
{
    [JobDisplayName("Ingest document {0}")]
    [AutomaticRetry(Attempts = 2, DelaysInSeconds = [10, 60], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(Guid documentId, CancellationToken cancellationToken)
    {
        using var span = ChatSphereTelemetry.Source.StartActivity(ChatSphereTelemetry.Spans.Ingest);
        span?.SetTag(ChatSphereTelemetry.Tags.DocumentId, documentId.ToString());
        // Claimed (and the attempt counted) before any work, so a parser that kills the process still uses up an
        // attempt, and an older run still going on this document stops writing.
        var run = await DocumentRun.ClaimAsync(db, documentId, cancellationToken);
        var document = run is null ? null : await db.Documents.Include(d => d.Bot).FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        if (run is null || document?.Bot is null)
        {
            span?.SetTag(ChatSphereTelemetry.Tags.Outcome, "deleted");
            logger.LogInformation("Document {DocumentId} was deleted before ingestion", documentId);
            return;
        }

        span?.SetTag(ChatSphereTelemetry.Tags.BotId, document.BotId.ToString());
        if (document.Attempts > options.Value.MaxAttempts)
        {
            if (await FailAsync(run, document, $"Gave up after {options.Value.MaxAttempts} attempts. {document.Error}".Trim(), cancellationToken))
            {
                Failed(span, ChatSphereTelemetry.Spans.Ingest, "attempts_exhausted");
            }

            return;
        }

        // The step under way, for the failure metric: each step is also a child span.
        var step = ChatSphereTelemetry.Spans.Ingest;
        Activity? Step(string name)
        {
            step = name;
            return ChatSphereTelemetry.Source.StartActivity(name);
        }

        var watch = Stopwatch.StartNew();
        long extractMs = 0, chunkedAt = 0;
        try
        {
            await run.SetStatusAsync(DocumentStatus.Extracting, cancellationToken);
            ExtractedDocument extracted;
            using (Step(ChatSphereTelemetry.Spans.Extract))
            {
                extracted = await ExtractAsync(document, cancellationToken);
            }

            extractMs = watch.ElapsedMilliseconds;
            await run.SetStatusAsync(DocumentStatus.Chunking, cancellationToken);
            IReadOnlyList<TextChunk> chunks;
            using (Step(ChatSphereTelemetry.Spans.Chunk))
            {
                chunks = chunker.Chunk(extracted, new ChunkingOptions(document.Bot.ChunkMaxTokens, document.Bot.ChunkOverlapTokens));
            }

            if (chunks.Count == 0)
            {
                throw new ExtractionFailedException("No text was found in the file.");
            }

            // The owner's choice for the document, else the bot's, else what the text says.
            if (!document.LanguageSetByOwner)
            {
                document.Language = document.Bot.DocumentLanguage ?? languages.DetectAcross(chunks.Select(c => c.Text).ToList());
            }

            chunkedAt = watch.ElapsedMilliseconds;
            await run.StartEmbeddingAsync(chunks.Count, cancellationToken);
            var name = HeadingPaths.DocumentName(extracted.Title, document.FileName);
            var headingPaths = HeadingPaths.JoinAll(name, chunks.Select(c => c.HeadingPath));
            var (outcome, model) = (SaveOutcome.ModelChanged, "");
            for (var pass = 0; pass < 3 && outcome == SaveOutcome.ModelChanged; pass++)
            {
                await db.Entry(document.Bot).ReloadAsync(cancellationToken);
                model = embedder.ModelFor(document.Bot);
                IReadOnlyList<Vector> vectors;
                using (Step(ChatSphereTelemetry.Spans.EmbedChunks))
                {
                    vectors = await embedder.EmbedAsync(model, chunks, headingPaths, document.Language, run.ReportProgressAsync, cancellationToken);
                }

                using (Step(ChatSphereTelemetry.Spans.SaveChunks))
                {
                    outcome = await writer.ReplaceAsync(document, run.Token, chunks, headingPaths, vectors, model, cancellationToken);
                }
            }

            if (outcome != SaveOutcome.Saved)
            {
                logger.LogInformation("Document {DocumentId} not saved: {Outcome}", documentId, outcome);
                switch (outcome)
                {
                    case SaveOutcome.ModelChanged:
                        throw new InvalidOperationException("The bot's embedding model kept changing during ingestion.");
                    case SaveOutcome.Superseded:
                        throw new DocumentRunSupersededException();
                }

                span?.SetTag(ChatSphereTelemetry.Tags.Outcome, "deleted");
                return;
            }

            span?.SetTag(ChatSphereTelemetry.Tags.Outcome, "ready");
            metrics.IngestedChunks.Add(chunks.Count);
            logger.LogInformation(
                "Document {DocumentId} ready: {ChunkCount} chunks embedded with {Model}; extract {ExtractMs} ms, chunk {ChunkMs} ms, embed and save {SaveMs} ms",
                documentId, chunks.Count, model, extractMs, chunkedAt - extractMs, watch.ElapsedMilliseconds - chunkedAt);
        }
        catch (DocumentRunSupersededException)
        {
            // A newer run owns the document (or it was deleted): it records the outcome, this one only stops.
            span?.SetTag(ChatSphereTelemetry.Tags.Outcome, "superseded");
            logger.LogInformation("Ingestion run of {DocumentId} stopped: a newer run owns the document", documentId);
        }
        catch (Exception ex) when (ex is UnsupportedDocumentException or ExtractionFailedException)
        {
            if (await FailAsync(run, document, ex.Message, cancellationToken))
            {
                Failed(span, step, ex is UnsupportedDocumentException ? "unsupported" : "unreadable");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Never left "embedding": a stopping server's job is queued again by Hangfire and resumes; a cancelled
            // (deleted) job has no one to resume it, so the document fails with the reason and can be retried.
            var stopping = lifetime.ApplicationStopping.IsCancellationRequested;
            await run.EndAsync(
                stopping ? DocumentStatus.Queued : DocumentStatus.Failed,
                stopping ? "Interrupted while the server stopped; it resumes when the server is back." : "Ingestion was cancelled before it finished. Retry to index it again.",
                CancellationToken.None);
            span?.SetTag(ChatSphereTelemetry.Tags.Outcome, "cancelled");
            throw;
        }
        catch (Exception ex)
        {
            var final = document.Attempts >= options.Value.MaxAttempts;
            var owned = await run.EndAsync(
                final ? DocumentStatus.Failed : DocumentStatus.Queued,
                final ? $"Ingestion failed: {ex.Message}" : $"Attempt {document.Attempts} failed, retrying: {ex.Message}",
                CancellationToken.None);
            logger.LogWarning(ex, "Ingestion of {DocumentId} failed (attempt {Attempt})", documentId, document.Attempts);
            span?.AddException(ex);
            if (!owned)
            {
                // The newer run decides the document's fate; retrying this one would only overtake it again.
                span?.SetTag(ChatSphereTelemetry.Tags.Outcome, "superseded");
                return;
            }

            if (!final)
            {
                span?.SetTag(ChatSphereTelemetry.Tags.Outcome, "retrying");
                throw;
            }

            Failed(span, step, "error");
        }
    }

    private async Task<ExtractedDocument> ExtractAsync(Document document, CancellationToken cancellationToken)
    {
        var bytes = await db.DocumentContents.Where(c => c.DocumentId == document.Id).Select(c => c.Bytes).SingleAsync(cancellationToken);
        var kind = DocumentInspector.Inspect(document.FileName, document.ContentType, bytes);
        return await extraction.ExtractAsync(kind, bytes, cancellationToken);
    }

    private async Task<bool> FailAsync(DocumentRun run, Document document, string error, CancellationToken cancellationToken)
    {
        if (!await run.EndAsync(DocumentStatus.Failed, error, cancellationToken))
        {
            return false;
        }

        logger.LogWarning("Document {DocumentId} failed: {Error}", document.Id, error);
        return true;
    }

    /// <summary>A document marked failed: its span says where and why, and the failures metric counts it.</summary>
    private void Failed(Activity? span, string step, string reason)
    {
        span?.SetStatus(ActivityStatusCode.Error, reason);
        span?.SetTag(ChatSphereTelemetry.Tags.Outcome, "failed");
        span?.SetTag(ChatSphereTelemetry.Tags.Step, step);
        span?.SetTag(ChatSphereTelemetry.Tags.Reason, reason);
        metrics.IngestionFailures.Add(1,
            new KeyValuePair<string, object?>(ChatSphereTelemetry.Tags.Step, step),
            new KeyValuePair<string, object?>(ChatSphereTelemetry.Tags.Reason, reason));
    }
}
