using ChatSphere.Core.Domain;
using ChatSphere.Core.Ingestion.Chunking;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace ChatSphere.Core.Ingestion;

/// <summary>
/// The save step: replaces a document's chunks in one transaction (a search sees the old set or the new, never
/// both or neither), with a binary COPY, the fastest way into the table.
/// </summary>
public sealed class ChunkWriter(NpgsqlDataSource dataSource, VectorIndexes indexes)
{
    /// <summary>Writes nothing when the document was deleted or the bot switched models meanwhile, and says which.</summary>
    public async Task<SaveOutcome> ReplaceAsync(
        Document document, IReadOnlyList<TextChunk> chunks, IReadOnlyList<string> headingPaths, IReadOnlyList<Vector> vectors, string model,
        CancellationToken cancellationToken)
    {
        var dimensions = vectors.Count > 0 ? vectors[0].ToArray().Length : 0;
        await indexes.EnsureAsync(dimensions, cancellationToken);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // A share lock on the bot row: documents of one bot save side by side, but a model switch (ReembedBotJob,
        // which takes the row FOR UPDATE) cannot interleave with any of them. The old chunks are deleted and the
        // document marked ready in the same round trip; when the checks say no, the transaction rolls that back.
        await using (var check = new NpgsqlCommand(
            """
            UPDATE "Bots" SET "ActiveEmbeddingModel" = @model WHERE "Id" = @bot AND "ActiveEmbeddingModel" IS NULL;
            SELECT EXISTS (SELECT 1 FROM "Documents" d WHERE d."Id" = @doc), coalesce(b."ActiveEmbeddingModel", @model) = @model
            FROM "Bots" b WHERE b."Id" = @bot FOR SHARE;
            DELETE FROM "Chunks" WHERE "DocumentId" = @doc;
            UPDATE "Documents" SET "Status" = 'Ready', "ChunkCount" = @count, "ChunksEmbedded" = @count, "Error" = NULL, "UpdatedAt" = now()
            WHERE "Id" = @doc
            """, connection, transaction))
        {
            check.Parameters.AddWithValue("model", model);
            check.Parameters.AddWithValue("doc", document.Id);
            check.Parameters.AddWithValue("bot", document.BotId);
            check.Parameters.AddWithValue("count", chunks.Count);
            await using var reader = await check.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken) || !reader.GetBoolean(0))
            {
                return SaveOutcome.DocumentGone;
            }

            if (!reader.GetBoolean(1))
            {
                return SaveOutcome.ModelChanged;
            }
        }

        await CopyAsync(connection, document, chunks, headingPaths, vectors, model, dimensions, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return SaveOutcome.Saved;
    }

    private static async Task CopyAsync(
        NpgsqlConnection connection, Document document, IReadOnlyList<TextChunk> chunks, IReadOnlyList<string> headingPaths,
        IReadOnlyList<Vector> vectors, string model, int dimensions, CancellationToken cancellationToken)
    {
        await using var import = await connection.BeginBinaryImportAsync(
            """
            COPY "Chunks" ("Id", "BotId", "DocumentId", "Ordinal", "Text", "HeadingPath", "Page", "TokenCount",
                           "Embedding", "EmbeddingModel", "EmbeddingDimensions") FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i];
            await import.StartRowAsync(cancellationToken);
            await import.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, cancellationToken);
            await import.WriteAsync(document.BotId, NpgsqlDbType.Uuid, cancellationToken);
            await import.WriteAsync(document.Id, NpgsqlDbType.Uuid, cancellationToken);
            await import.WriteAsync(chunk.Ordinal, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(chunk.Text, NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(headingPaths[i], NpgsqlDbType.Varchar, cancellationToken);
            if (chunk.Page is { } page)
            {
                await import.WriteAsync(page, NpgsqlDbType.Integer, cancellationToken);
            }
            else
            {
                await import.WriteNullAsync(cancellationToken);
            }

            await import.WriteAsync(chunk.TokenCount, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(vectors[i], cancellationToken);
            await import.WriteAsync(model, NpgsqlDbType.Varchar, cancellationToken);
            await import.WriteAsync(dimensions, NpgsqlDbType.Integer, cancellationToken);
        }

        await import.CompleteAsync(cancellationToken);
    }
}
