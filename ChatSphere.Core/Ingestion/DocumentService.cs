using System.Security.Cryptography;
using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Ingestion.Extraction;
using ChatSphere.Core.Quotas;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatSphere.Core.Ingestion;

/// <summary>What an owner does to a bot's documents: upload, retry, re-index, delete. Ingestion itself runs in a job.</summary>
public sealed class DocumentService(
    AppDbContext db,
    IBackgroundJobClient jobs,
    BotIndexes botIndexes,
    IOptions<IngestionOptions> options,
    AccountQuotas quotas,
    ILogger<DocumentService> logger)
{
    /// <summary>
    /// Checks and stores a file, then queues its ingestion. Throws <see cref="DocumentTooLargeException"/>,
    /// <see cref="UnsupportedDocumentException"/> or (over the owner's documents or stored bytes)
    /// <see cref="QuotaExceededException"/> before anything is stored.
    /// </summary>
    public async Task<UploadResult> UploadAsync(
        Guid botId, string fileName, string? contentType, Stream content, CancellationToken cancellationToken = default)
    {
        var bytes = await ReadBoundedAsync(content, cancellationToken);
        var name = CleanFileName(fileName);
        var kind = DocumentInspector.Inspect(name, contentType, bytes);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));

        if (await FindBySha(botId, sha, cancellationToken) is { } existing)
        {
            return new UploadResult(existing, Duplicate: true);
        }

        if (await quotas.CheckUploadAsync(botId, bytes.Length, cancellationToken) is { } refusal)
        {
            throw new QuotaExceededException(refusal);
        }

        var document = new Document
        {
            BotId = botId,
            FileName = name,
            ContentType = DocumentInspector.ContentTypeFor(kind),
            Size = bytes.Length,
            Sha256 = sha,
            Content = new DocumentContent { Bytes = bytes },
        };
        db.Documents.Add(document);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same file arrived twice at once: the other upload won.
            db.ChangeTracker.Clear();
            return new UploadResult((await FindBySha(botId, sha, cancellationToken))!, Duplicate: true);
        }

        Enqueue(document.Id);
        logger.LogInformation("Stored {FileName} ({Size} bytes) as document {DocumentId} of bot {BotId}", name, bytes.Length, document.Id, botId);
        return new UploadResult(document, Duplicate: false);
    }

    /// <summary>Extracts, chunks and embeds the document again; its current chunks keep answering until the new ones replace them.</summary>
    public async Task<bool> ReindexAsync(Guid botId, Guid documentId, CancellationToken cancellationToken = default)
    {
        var updated = await db.Documents
            .Where(d => d.Id == documentId && d.BotId == botId)
            .ExecuteUpdateAsync(d => d
                .SetProperty(x => x.Status, DocumentStatus.Queued)
                .SetProperty(x => x.Attempts, 0)
                .SetProperty(x => x.Error, (string?)null)
                .SetProperty(x => x.UpdatedAt, DateTimeOffset.UtcNow), cancellationToken);
        if (updated > 0)
        {
            Enqueue(documentId);
        }

        return updated > 0;
    }

    /// <summary>
    /// The owner's language for a document (an ISO 639-1 code of <see cref="Languages.KnownLanguages"/>), or null to detect
    /// it again; then the document is indexed again in it. False when the bot has no such document.
    /// </summary>
    public async Task<bool> SetLanguageAsync(Guid botId, Guid documentId, string? language, CancellationToken cancellationToken = default)
    {
        var updated = await db.Documents
            .Where(d => d.Id == documentId && d.BotId == botId)
            .ExecuteUpdateAsync(d => d
                .SetProperty(x => x.Language, x => language ?? x.Language)
                .SetProperty(x => x.LanguageSetByOwner, language != null), cancellationToken);
        return updated > 0 && await ReindexAsync(botId, documentId, cancellationToken);
    }

    public async Task<bool> DeleteAsync(Guid botId, Guid documentId, CancellationToken cancellationToken = default)
    {
        if (await db.Documents.Where(d => d.Id == documentId && d.BotId == botId).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return false;
        }

        // A bot that shrank far enough loses its own indexes.
        await botIndexes.QueueIfNeededAsync(botId, cancellationToken);
        return true;
    }

    private void Enqueue(Guid documentId) =>
        jobs.Enqueue<IngestDocumentJob>(job => job.RunAsync(documentId, CancellationToken.None));

    private Task<Document?> FindBySha(Guid botId, string sha, CancellationToken cancellationToken) =>
        db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.BotId == botId && d.Sha256 == sha, cancellationToken);

    private async Task<byte[]> ReadBoundedAsync(Stream content, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxUploadBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new DocumentTooLargeException($"The file is larger than the {limit / (1024 * 1024.0):0.#} MB limit.");
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            throw new UnsupportedDocumentException("The file is empty.");
        }

        return buffer.ToArray();
    }

    private static string CleanFileName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length == 0)
        {
            throw new UnsupportedDocumentException("The file has no name.");
        }

        return name.Length <= 255 ? name : name[..200] + name[^Math.Min(55, name.Length - 200)..];
    }
}
