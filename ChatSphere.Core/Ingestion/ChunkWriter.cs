using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Ingestion.Chunking;
using ChatSphere.Core.Languages;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pgvector;

namespace ChatSphere.Core.Ingestion;

/// <summary>
/// The save step: replaces a document's chunks in one transaction (a search sees the old set or the new, never
/// both or neither), with a binary COPY, the fastest way into the table. The transaction runs in EF's retrying strategy:
/// re-running it whole after a dropped connection is safe, since it deletes the document's chunks before writing them.
/// </summary>
public sealed class ChunkWriter(AppDbContext db, NpgsqlDataSource dataSource, VectorIndexes indexes, BotLanguages languages, BotIndexes botIndexes)
{
    /// <summary>
    /// Writes nothing when the document was deleted, a newer run than <paramref name="run"/> took it, or the bot switched
    /// models meanwhile, and says which.
    /// </summary>
    public async Task<SaveOutcome> ReplaceAsync(
        Document document, Guid run, IReadOnlyList<TextChunk> chunks, IReadOnlyList<string> headingPaths, IReadOnlyList<Vector> vectors, string model,
        CancellationToken cancellationToken)
    {
        var outcome = await db.Database.CreateExecutionStrategy().ExecuteAsync(
            ct => SaveAsync(document, run, chunks, headingPaths, vectors, model, ct), cancellationToken);
        if (outcome == SaveOutcome.Saved)
        {
            // The bot may have grown past the size at which it gets indexes of its own.
            await botIndexes.QueueIfNeededAsync(document.BotId, cancellationToken);
        }

        return outcome;
    }

    private async Task<SaveOutcome> SaveAsync(
        Document document, Guid run, IReadOnlyList<TextChunk> chunks, IReadOnlyList<string> headingPaths, IReadOnlyList<Vector> vectors, string model,
        CancellationToken cancellationToken)
    {
        var dimensions = vectors.Count > 0 ? vectors[0].ToArray().Length : 0;
        await indexes.EnsureAsync(dimensions, cancellationToken);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // When the checks say no, disposing the transaction rolls back the deletion and the status change.
        var (documentExists, ownRun, sameModel) = await ChunkSql.ClearDocumentAsync(
            connection, transaction, document.Id, run, document.BotId, model, chunks.Count, document.Language ?? "", cancellationToken);
        if (!documentExists)
        {
            return SaveOutcome.DocumentGone;
        }

        if (!ownRun)
        {
            return SaveOutcome.Superseded;
        }

        if (!sameModel)
        {
            return SaveOutcome.ModelChanged;
        }

        await ChunkSql.CopyChunksAsync(connection, document, chunks, headingPaths, vectors, model, dimensions, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        languages.Forget(document.BotId);
        return SaveOutcome.Saved;
    }
}
