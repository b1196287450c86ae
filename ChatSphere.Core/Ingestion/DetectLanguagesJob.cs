using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Languages;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChatSphere.Core.Ingestion;

/// <summary>
/// Gives documents ingested before language detection (Language null; their chunks kept 'en', as they were indexed)
/// their language, from their stored chunks: no extraction and no embedding model call, so it costs an owner nothing.
/// Each document's chunks get the language (PostgreSQL recomputes their search vectors) and their segmented text, in
/// one transaction. Queued at start when such documents exist; safe to run twice. Vectors stay as they were: Re-index
/// embeds a document again with its language.
/// </summary>
public sealed class DetectLanguagesJob(
    AppDbContext db, NpgsqlDataSource dataSource, LanguageDetection detection, BotLanguages languages, ILogger<DetectLanguagesJob> logger)
{
    /// <summary>Queues the job when ready documents have never been detected.</summary>
    public static async Task QueueIfNeededAsync(AppDbContext db, IBackgroundJobClient jobs, CancellationToken cancellationToken)
    {
        if (await db.Documents.AnyAsync(d => d.Language == null && d.Status == DocumentStatus.Ready, cancellationToken))
        {
            jobs.Enqueue<DetectLanguagesJob>(job => job.RunAsync(CancellationToken.None));
        }
    }

    [JobDisplayName("Detect the languages of documents ingested before detection")]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        while (await db.Documents.AsNoTracking()
                   .Where(d => d.Language == null && d.Status == DocumentStatus.Ready)
                   .Select(d => new { d.Id, d.BotId, d.Bot!.DocumentLanguage })
                   .FirstOrDefaultAsync(cancellationToken) is { } document)
        {
            var chunks = await db.Chunks.AsNoTracking().Where(c => c.DocumentId == document.Id).OrderBy(c => c.Ordinal)
                .Select(c => new { c.Id, c.Text, c.HeadingPath }).ToListAsync(cancellationToken);
            var language = document.DocumentLanguage ?? detection.DetectAcross(chunks.Select(c => c.Text).ToList());
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await ChunkSql.SetDocumentLanguageAsync(
                connection, document.Id, language, chunks.Select(c => c.Id).ToArray(),
                chunks.Select(c => TextTokens.Segment(c.Text)).ToArray(), chunks.Select(c => TextTokens.Segment(c.HeadingPath)).ToArray(),
                cancellationToken);
            languages.Forget(document.BotId);
            count++;
        }

        logger.LogInformation("Detected the language of {Count} documents ingested before detection", count);
    }
}
