using ChatSphere.Core.Domain;
using ChatSphere.Core.Ingestion.Chunking;
using ChatSphere.Core.Languages;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace ChatSphere.Core.Data;

/// <summary>
/// Every SQL statement ChatSphere runs on the vector memory (chunks and their pending re-embeddings), with the small
/// methods that run them. EF Core writes the rest; these need what it does not do: a batch of both search legs in one
/// round trip, pgvector's index expressions, binary COPY. Table and column names come from the constants below, which
/// ChunkSqlTests checks against AppDbContext's model, so renaming a mapped property fails a test instead of a query.
/// Longer than most files on purpose: one place to read when the table changes.
/// </summary>
public static class ChunkSql
{
    /// <summary>pgvector indexes vector up to 2,000 dimensions and halfvec up to 4,000.</summary>
    public const int MaxVectorDimensions = 2000;

    internal static class Chunks
    {
        public const string Table = "\"Chunks\"";
        public const string Id = "\"Id\"";
        public const string BotId = "\"BotId\"";
        public const string DocumentId = "\"DocumentId\"";
        public const string Ordinal = "\"Ordinal\"";
        public const string Text = "\"Text\"";
        public const string HeadingPath = "\"HeadingPath\"";
        public const string Page = "\"Page\"";
        public const string TokenCount = "\"TokenCount\"";
        public const string Language = "\"Language\"";
        public const string SearchText = "\"SearchText\"";
        public const string SearchHeading = "\"SearchHeading\"";
        public const string SearchVector = "\"SearchVector\"";
        public const string Embedding = "\"Embedding\"";
        public const string EmbeddingModel = "\"EmbeddingModel\"";
        public const string EmbeddingDimensions = "\"EmbeddingDimensions\"";
    }

    internal static class PendingEmbeddings
    {
        public const string Table = "\"PendingEmbeddings\"";
        public const string ChunkId = "\"ChunkId\"";
        public const string BotId = "\"BotId\"";
        public const string Model = "\"Model\"";
        public const string Dimensions = "\"Dimensions\"";
        public const string Embedding = "\"Embedding\"";
    }

    internal static class Documents
    {
        public const string Table = "\"Documents\"";
        public const string Id = "\"Id\"";
        public const string FileName = "\"FileName\"";
        public const string Status = "\"Status\"";
        public const string ChunkCount = "\"ChunkCount\"";
        public const string ChunksEmbedded = "\"ChunksEmbedded\"";
        public const string Error = "\"Error\"";
        public const string UpdatedAt = "\"UpdatedAt\"";
        public const string IngestionRun = "\"IngestionRun\"";
        public const string Language = "\"Language\"";
        public const string LanguageSetByOwner = "\"LanguageSetByOwner\"";
    }

    internal static class Bots
    {
        public const string Table = "\"Bots\"";
        public const string Id = "\"Id\"";
        public const string ActiveEmbeddingModel = "\"ActiveEmbeddingModel\"";
        public const string EmbeddingModel = "\"EmbeddingModel\"";
        public const string UpdatedAt = "\"UpdatedAt\"";
    }

    // Search. A bot's chunk count, with the names of its own indexes that are ready (one that a CONCURRENTLY build is still
    // making, or that a failed build left, is not valid).
    private const string ShapeSql = $"""
        SELECT (SELECT count(*) FROM {Chunks.Table} WHERE {Chunks.BotId} = @bot),
            ARRAY(SELECT c.relname::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                  WHERE i.indrelid = '{Chunks.Table}'::regclass AND i.indisvalid AND starts_with(c.relname::text, @prefix))
        """;

    private const string BotIndexStateSql = $"""
        SELECT {Chunks.EmbeddingDimensions}, count(*) FROM {Chunks.Table} WHERE {Chunks.BotId} = @bot GROUP BY 1;
        SELECT c.relname::text, i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid = '{Chunks.Table}'::regclass AND starts_with(c.relname::text, @prefix);
        """;

    // Bots whose own indexes may need a change: large ones, and those that have some.
    private const string BotsToSweepSql = $"""
        SELECT {Chunks.BotId} FROM {Chunks.Table} GROUP BY 1 HAVING count(*) >= @threshold;
        SELECT c.relname::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid = '{Chunks.Table}'::regclass AND starts_with(c.relname::text, @prefix);
        """;

    // The HNSW settings of one search, in the batch's own (implicit) transaction: set_config(..., true) lasts until the
    // batch ends, like SET LOCAL, without a BEGIN, a SET and a COMMIT round trip of their own.
    private const string ScanSettingsSql = "SELECT set_config('hnsw.iterative_scan', @scan, true), set_config('hnsw.ef_search', @ef, true)";

    // Full text: every word in every configuration (stop words give empty queries, dropped); the bot's chunks that match
    // any of them, read once (one GIN scan for the OR of all terms); each term's document frequency counted among those
    // (a chunk with the term matches the OR, so the count is the bot's); then those chunks by the sum of IDF x ts_rank.
    // @n is the bot's chunk count (cached, so it may trail a fresh save: never below a term's own count). Every step is
    // MATERIALIZED: the planner cannot estimate the matches, and inlined it counted each term's matches once per joined row
    // (506 ms instead of 25 for a question on a bot of 10,000 chunks).
    private const string FullTextSql = $"""
        WITH terms AS MATERIALIZED (
            SELECT DISTINCT q FROM (
                SELECT websearch_to_tsquery(cfg::regconfig, word) AS q FROM unnest(@configs::text[]) cfg, unnest(@words::text[]) word) t
            WHERE numnode(q) > 0
        ), matching AS MATERIALIZED (
            SELECT c.{Chunks.Id} AS id, c.{Chunks.SearchVector} AS v FROM {Chunks.Table} c
            WHERE c.{Chunks.BotId} = @bot AND c.{Chunks.SearchVector} @@ (SELECT string_agg('(' || q::text || ')', ' | ')::tsquery FROM terms)
        ), weighted AS MATERIALIZED (
            SELECT t.q, ln(1 + (greatest(@n, df.df) - df.df + 0.5) / (df.df + 0.5)) AS idf
            FROM terms t, LATERAL (SELECT count(*) AS df FROM matching m WHERE m.v @@ t.q) df
        )
        SELECT m.id FROM matching m JOIN weighted w ON m.v @@ w.q
        GROUP BY m.id
        ORDER BY sum(w.idf * ts_rank(m.v, w.q, 1)) DESC, m.id
        LIMIT @limit
        """;

    // The languages of a bot's chunks: the query is analysed in each one's configuration.
    private const string LanguagesSql = $"""SELECT DISTINCT {Chunks.Language} FROM {Chunks.Table} WHERE {Chunks.BotId} = @bot""";

    private const string LoadSql = $"""
        SELECT c.{Chunks.Id}, c.{Chunks.DocumentId}, d.{Documents.FileName}, c.{Chunks.HeadingPath}, c.{Chunks.Page}, c.{Chunks.Text}
        FROM {Chunks.Table} c JOIN {Documents.Table} d ON d.{Documents.Id} = c.{Chunks.DocumentId}
        WHERE c.{Chunks.BotId} = @bot AND c.{Chunks.Id} = ANY(@ids)
        """;

    // Ingestion. A share lock on the bot row: documents of one bot save side by side, but a model switch (which takes
    // the row FOR UPDATE) cannot interleave with any of them. The document is marked ready only by the run that owns it
    // (its row lock then holds off a newer claim until commit), and its old chunks are deleted, in the same round trip;
    // when the checks say no, the caller's transaction rolls that back.
    private const string ClearDocumentSql = $"""
        UPDATE {Bots.Table} SET {Bots.ActiveEmbeddingModel} = @model WHERE {Bots.Id} = @bot AND {Bots.ActiveEmbeddingModel} IS NULL;
        SELECT coalesce(b.{Bots.ActiveEmbeddingModel}, @model) = @model FROM {Bots.Table} b WHERE b.{Bots.Id} = @bot FOR SHARE;
        UPDATE {Documents.Table} SET {Documents.Status} = '{nameof(DocumentStatus.Ready)}', {Documents.ChunkCount} = @count,
            {Documents.ChunksEmbedded} = @count, {Documents.Error} = NULL, {Documents.UpdatedAt} = now(),
            {Documents.Language} = CASE WHEN {Documents.LanguageSetByOwner} THEN {Documents.Language} ELSE @language END
        WHERE {Documents.Id} = @doc AND {Documents.IngestionRun} = @run RETURNING 1;
        SELECT EXISTS (SELECT 1 FROM {Documents.Table} d WHERE d.{Documents.Id} = @doc);
        DELETE FROM {Chunks.Table} WHERE {Chunks.DocumentId} = @doc;
        """;

    private const string CopyChunksSql = $"""
        COPY {Chunks.Table} ({Chunks.Id}, {Chunks.BotId}, {Chunks.DocumentId}, {Chunks.Ordinal}, {Chunks.Text}, {Chunks.HeadingPath},
            {Chunks.Page}, {Chunks.TokenCount}, {Chunks.Embedding}, {Chunks.EmbeddingModel}, {Chunks.EmbeddingDimensions},
            {Chunks.Language}, {Chunks.SearchText}, {Chunks.SearchHeading}) FROM STDIN (FORMAT BINARY)
        """;

    // A document ingested before detection: only while it still has no language (a new ingestion decides otherwise).
    private const string SetLanguageSql = $"""
        UPDATE {Documents.Table} SET {Documents.Language} = @language WHERE {Documents.Id} = @doc AND {Documents.Language} IS NULL RETURNING 1
        """;

    private const string SetChunkLanguageSql = $"""
        UPDATE {Chunks.Table} c SET {Chunks.Language} = nullif(@language, ''), {Chunks.SearchText} = u.text, {Chunks.SearchHeading} = u.heading
        FROM unnest(@ids, @texts, @headings) u(id, text, heading) WHERE c.{Chunks.Id} = u.id AND c.{Chunks.DocumentId} = @doc
        """;

    // Re-embedding.
    private const string CopyPendingSql = $"""
        COPY {PendingEmbeddings.Table} ({PendingEmbeddings.ChunkId}, {PendingEmbeddings.BotId}, {PendingEmbeddings.Model},
            {PendingEmbeddings.Dimensions}, {PendingEmbeddings.Embedding}) FROM STDIN (FORMAT BINARY)
        """;

    // The owner's choice is read under the lock, so a switch cannot commit a model the owner has since left.
    private const string LockAndCountMissingSql = $"""
        SELECT {Bots.EmbeddingModel}, {Bots.ActiveEmbeddingModel} FROM {Bots.Table} WHERE {Bots.Id} = @bot FOR UPDATE;
        SELECT count(*) FROM {Chunks.Table} c
        WHERE c.{Chunks.BotId} = @bot AND NOT EXISTS (
            SELECT 1 FROM {PendingEmbeddings.Table} p WHERE p.{PendingEmbeddings.ChunkId} = c.{Chunks.Id} AND p.{PendingEmbeddings.Model} = @model);
        """;

    private const string SwitchModelSql = $"""
        UPDATE {Chunks.Table} c SET {Chunks.Embedding} = p.{PendingEmbeddings.Embedding}, {Chunks.EmbeddingModel} = p.{PendingEmbeddings.Model},
            {Chunks.EmbeddingDimensions} = p.{PendingEmbeddings.Dimensions}
        FROM {PendingEmbeddings.Table} p WHERE p.{PendingEmbeddings.ChunkId} = c.{Chunks.Id} AND p.{PendingEmbeddings.Model} = @model AND c.{Chunks.BotId} = @bot;
        UPDATE {Bots.Table} SET {Bots.ActiveEmbeddingModel} = @model, {Bots.UpdatedAt} = now() WHERE {Bots.Id} = @bot;
        DELETE FROM {PendingEmbeddings.Table} WHERE {PendingEmbeddings.BotId} = @bot AND {PendingEmbeddings.Model} = @model;
        """;

    // Only one model's rows: another job may be filling the table for the model the owner chose after this one.
    private const string DropPendingSql = $"""
        DELETE FROM {PendingEmbeddings.Table} WHERE {PendingEmbeddings.BotId} = @bot AND {PendingEmbeddings.Model} = @model
        """;

    /// <summary>The bot's chunk count and the names of its own indexes that are ready to answer (<see cref="BotIndexNames"/>).</summary>
    public static async Task<(long Count, string[] Indexes)> ShapeAsync(NpgsqlConnection connection, Guid botId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ShapeSql, connection);
        command.Parameters.AddWithValue("bot", botId);
        command.Parameters.AddWithValue("prefix", BotIndexNames.Prefix(botId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetFieldValue<string[]>(1));
    }

    /// <summary>
    /// Both legs' candidates, best first, as one batch (one round trip): the nearest vectors of the bot's model with
    /// their cosine similarity (when <paramref name="vector"/> is given) and full-text matches of any of the words.
    /// </summary>
    /// <param name="scan">How the vector leg reads the bot's rows: exactly, or through which HNSW index.</param>
    /// <param name="configs">Text search configurations the words are analysed in (those of the bot's languages).</param>
    /// <param name="chunks">How many chunks the bot has, for the terms' IDF.</param>
    public static async Task<(List<(Guid Id, double Similarity)> Vector, List<Guid> Text)> RankAsync(
        NpgsqlConnection connection, Guid botId, string model, Vector? vector, VectorScan scan,
        IReadOnlyList<string> words, IReadOnlyList<string> configs, long chunks, int limit, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        var settings = vector is not null && scan != VectorScan.Exact;
        if (settings)
        {
            batch.BatchCommands.Add(ScanSettingsCommand(scan));
        }

        if (vector is not null)
        {
            batch.BatchCommands.Add(NearestCommand(botId, model, vector, scan == VectorScan.Exact, limit));
        }

        if (words.Count > 0)
        {
            batch.BatchCommands.Add(FullTextCommand(botId, words, configs, chunks, limit));
        }

        var (vectorLeg, textLeg) = (new List<(Guid, double)>(), new List<Guid>());
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (settings)
        {
            await reader.NextResultAsync(cancellationToken);
        }

        if (vector is not null)
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                vectorLeg.Add((reader.GetGuid(0), reader.GetDouble(1)));
            }

            await reader.NextResultAsync(cancellationToken);
        }

        if (words.Count > 0)
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                textLeg.Add(reader.GetGuid(0));
            }
        }

        return (vectorLeg, textLeg);
    }

    /// <summary>
    /// Chunks matching any of the words analysed in any of <paramref name="configs"/> (each chunk's vector was built in
    /// its own language's configuration, so a word counts in each form the bot's languages give it), ranked like BM25:
    /// each matching term's ts_rank (its frequency and weight in heading and text, over the chunk's length) times its
    /// inverse document frequency among the bot's chunks, summed. ts_rank alone has no IDF, so a common word counted as
    /// much as a rare one: XQuAD's Arabic and German text legs went from 86.4 and 93.5 to 93.7 and 95.6 top-5.
    /// </summary>
    internal static NpgsqlBatchCommand FullTextCommand(Guid botId, IReadOnlyList<string> words, IReadOnlyList<string> configs, long chunks, int limit)
    {
        var command = new NpgsqlBatchCommand(FullTextSql);
        command.Parameters.AddWithValue("n", chunks);
        command.Parameters.AddWithValue("configs", configs.ToArray());
        command.Parameters.AddWithValue("words", words.ToArray());
        command.Parameters.AddWithValue("bot", botId);
        command.Parameters.AddWithValue("limit", limit);
        return command;
    }

    /// <summary>The languages of the bot's chunks (null for chunks of no known language).</summary>
    public static async Task<List<string?>> LanguagesAsync(NpgsqlConnection connection, Guid botId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(LanguagesSql, connection);
        command.Parameters.AddWithValue("bot", botId);
        var languages = new List<string?>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            languages.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
        }

        return languages;
    }

    /// <summary>
    /// A bot's own index holds only its rows: the default candidate list (40) finds the nearest, and a strict-order
    /// iterative scan only goes on if the model filter drops some. The shared index holds every bot's: the bot filter
    /// drops most of what it finds, so a relaxed-order iterative scan with a longer list keeps looking until enough remain.
    /// </summary>
    internal static NpgsqlBatchCommand ScanSettingsCommand(VectorScan scan)
    {
        var command = new NpgsqlBatchCommand(ScanSettingsSql);
        command.Parameters.AddWithValue("scan", scan == VectorScan.BotIndex ? "strict_order" : "relaxed_order");
        command.Parameters.AddWithValue("ef", scan == VectorScan.BotIndex ? "40" : "100");
        return command;
    }

    /// <summary>
    /// The nearest chunks of the bot's model; "+ 0" hides the index's expression from the planner for an exact scan. The
    /// bot and dimension filters are what a bot's own partial index is defined by (<see cref="CreateBotIndexAsync"/>): an
    /// unprepared statement is planned with its parameters' values, so the planner sees they match and may use it.
    /// </summary>
    internal static NpgsqlBatchCommand NearestCommand(Guid botId, string model, Vector vector, bool exact, int limit)
    {
        var dimensions = vector.ToArray().Length;
        var distance = DistanceExpression(dimensions, "@q");
        var command = new NpgsqlBatchCommand($"""
            SELECT {Chunks.Id}, 1 - {distance} FROM {Chunks.Table}
            WHERE {Chunks.BotId} = @bot AND {Chunks.EmbeddingModel} = @model AND {Chunks.EmbeddingDimensions} = @dims
            ORDER BY {distance}{(exact ? " + 0" : "")}
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("q", vector);
        command.Parameters.AddWithValue("bot", botId);
        command.Parameters.AddWithValue("model", model);
        command.Parameters.AddWithValue("dims", dimensions);
        command.Parameters.AddWithValue("limit", limit);
        return command;
    }

    /// <summary>The bot's chunks among <paramref name="ids"/>, with their document's name; a deleted one is simply absent.</summary>
    public static async Task<Dictionary<Guid, (Guid DocumentId, string FileName, string HeadingPath, int? Page, string Text)>> LoadAsync(
        NpgsqlConnection connection, Guid botId, Guid[] ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(LoadSql, connection);
        command.Parameters.AddWithValue("bot", botId);
        command.Parameters.AddWithValue("ids", ids);
        var rows = new Dictionary<Guid, (Guid, string, string, int?, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows[reader.GetGuid(0)] = (reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4), reader.GetString(5));
        }

        return rows;
    }

    /// <summary>
    /// The first half of replacing a document's chunks, in the caller's transaction: gives a bot without a model this
    /// one, marks the document ready with <paramref name="count"/> chunks in <paramref name="language"/> (unless its owner
    /// chose one) if run <paramref name="run"/> still owns it, and deletes its chunks. Says whether the document still exists, is still this run's, and the bot still uses
    /// <paramref name="model"/>; if not, the caller rolls back.
    /// </summary>
    public static async Task<(bool DocumentExists, bool OwnRun, bool SameModel)> ClearDocumentAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid documentId, Guid run, Guid botId, string model, int count,
        string language, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ClearDocumentSql, connection, transaction);
        command.Parameters.AddWithValue("language", NpgsqlDbType.Varchar, language);
        command.Parameters.AddWithValue("model", model);
        command.Parameters.AddWithValue("doc", documentId);
        command.Parameters.AddWithValue("run", run);
        command.Parameters.AddWithValue("bot", botId);
        command.Parameters.AddWithValue("count", count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sameModel = await reader.ReadAsync(cancellationToken) && reader.GetBoolean(0);
        await reader.NextResultAsync(cancellationToken);
        var ownRun = await reader.ReadAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var exists = await reader.ReadAsync(cancellationToken) && reader.GetBoolean(0);
        return (exists, ownRun, sameModel);
    }

    /// <summary>Writes a document's chunks with a binary COPY, the fastest way into the table.</summary>
    public static async Task CopyChunksAsync(
        NpgsqlConnection connection, Document document, IReadOnlyList<TextChunk> chunks, IReadOnlyList<string> headingPaths,
        IReadOnlyList<Vector> vectors, string model, int dimensions, CancellationToken cancellationToken)
    {
        await using var import = await connection.BeginBinaryImportAsync(CopyChunksSql, cancellationToken);
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
            await WriteNullableAsync(import, string.IsNullOrEmpty(document.Language) ? null : document.Language, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(import, TextTokens.Segment(chunk.Text), NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(import, TextTokens.Segment(headingPaths[i]), NpgsqlDbType.Text, cancellationToken);
        }

        await import.CompleteAsync(cancellationToken);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter import, string? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await import.WriteNullAsync(cancellationToken);
        }
        else
        {
            await import.WriteAsync(value, type, cancellationToken);
        }
    }

    /// <summary>
    /// Gives a document that never had one its <paramref name="language"/>, and its chunks the language and their segmented
    /// text and heading (null where they need none), in one transaction; nothing when it has one by now.
    /// </summary>
    public static async Task SetDocumentLanguageAsync(
        NpgsqlConnection connection, Guid documentId, string language, Guid[] chunkIds, string?[] texts, string?[] headings,
        CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var document = new NpgsqlCommand(SetLanguageSql, connection, transaction))
        {
            document.Parameters.AddWithValue("doc", documentId);
            document.Parameters.AddWithValue("language", NpgsqlDbType.Varchar, language);
            if (await document.ExecuteScalarAsync(cancellationToken) is null)
            {
                return;
            }
        }

        await using var chunks = new NpgsqlCommand(SetChunkLanguageSql, connection, transaction);
        chunks.Parameters.AddWithValue("doc", documentId);
        chunks.Parameters.AddWithValue("language", NpgsqlDbType.Varchar, language);
        chunks.Parameters.AddWithValue("ids", chunkIds);
        chunks.Parameters.AddWithValue("texts", NpgsqlDbType.Array | NpgsqlDbType.Text, texts);
        chunks.Parameters.AddWithValue("headings", NpgsqlDbType.Array | NpgsqlDbType.Text, headings);
        await chunks.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Stores chunks' vectors from the model a bot is switching to, beside the ones that answer now.</summary>
    public static async Task CopyPendingAsync(
        NpgsqlConnection connection, Guid botId, string model, IReadOnlyList<Guid> chunkIds, IReadOnlyList<Vector> vectors,
        CancellationToken cancellationToken)
    {
        await using var import = await connection.BeginBinaryImportAsync(CopyPendingSql, cancellationToken);
        for (var i = 0; i < chunkIds.Count; i++)
        {
            await import.StartRowAsync(cancellationToken);
            await import.WriteAsync(chunkIds[i], NpgsqlDbType.Uuid, cancellationToken);
            await import.WriteAsync(botId, NpgsqlDbType.Uuid, cancellationToken);
            await import.WriteAsync(model, NpgsqlDbType.Varchar, cancellationToken);
            await import.WriteAsync(vectors[i].ToArray().Length, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(vectors[i], cancellationToken);
        }

        await import.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// Locks the bot row (FOR UPDATE, in the caller's transaction) and reads the owner's embedding model choice and the
    /// active one, then counts its chunks with no vector from <paramref name="model"/>; Found is false when the bot is gone.
    /// </summary>
    public static async Task<(bool Found, string? Chosen, string? Active, long Missing)> LockBotAndCountMissingAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid botId, string model, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(LockAndCountMissingSql, connection, transaction);
        command.Parameters.AddWithValue("bot", botId);
        command.Parameters.AddWithValue("model", model);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return (false, null, null, 0);
        }

        var (chosen, active) = (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (true, chosen, active, reader.GetInt64(0));
    }

    /// <summary>Deletes the bot's pending vectors of <paramref name="model"/> (a re-embedding the owner has moved on from).</summary>
    public static async Task DropPendingAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid botId, string model, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(DropPendingSql, connection, transaction);
        command.Parameters.AddWithValue("bot", botId);
        command.Parameters.AddWithValue("model", model);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Moves the pending vectors into the chunks and makes <paramref name="model"/> the bot's active one.</summary>
    public static async Task SwitchModelAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid botId, string model, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(SwitchModelSql, connection, transaction);
        command.Parameters.AddWithValue("bot", botId);
        command.Parameters.AddWithValue("model", model);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The expression a query must ORDER BY for the planner to use the index of this dimension.</summary>
    public static string DistanceExpression(int dimensions, string parameter) => dimensions <= MaxVectorDimensions
        ? $"({Chunks.Embedding}::vector({dimensions}) <=> {parameter}::vector({dimensions}))"
        : $"({Chunks.Embedding}::halfvec({dimensions}) <=> {parameter}::halfvec({dimensions}))";

    /// <summary>
    /// The HNSW index of one dimension: the Embedding column is untyped (bots may use different models), so it is a
    /// partial expression index over the rows of that dimension.
    /// </summary>
    public static async Task CreateVectorIndexAsync(NpgsqlDataSource dataSource, int dimensions, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            CREATE INDEX IF NOT EXISTS "IX_Chunks_Embedding_{dimensions}" ON {Chunks.Table}
            {Hnsw(dimensions)} WHERE {Chunks.EmbeddingDimensions} = {dimensions}
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// One of a bot's own indexes (<see cref="BotIndexNames"/>), built without blocking writes: HNSW over its vectors of
    /// <paramref name="dimensions"/>, or, when that is null, GIN over its full-text vectors. The predicate names the bot
    /// (a Guid we format, so safe in DDL), which the searches repeat. Takes as long as it takes: no command timeout.
    /// </summary>
    public static async Task CreateBotIndexAsync(NpgsqlConnection connection, Guid botId, int? dimensions, CancellationToken cancellationToken)
    {
        var sql = dimensions is { } d
            ? $"""
              CREATE INDEX CONCURRENTLY IF NOT EXISTS "{BotIndexNames.Vector(botId, d)}" ON {Chunks.Table}
              {Hnsw(d)} WHERE {Chunks.BotId} = '{botId:D}' AND {Chunks.EmbeddingDimensions} = {d}
              """
            : $"""
              CREATE INDEX CONCURRENTLY IF NOT EXISTS "{BotIndexNames.Text(botId)}" ON {Chunks.Table}
              USING gin ({Chunks.SearchVector}) WHERE {Chunks.BotId} = '{botId:D}'
              """;
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Drops one of a bot's own indexes without blocking searches or writes.</summary>
    public static async Task DropBotIndexAsync(NpgsqlConnection connection, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""DROP INDEX CONCURRENTLY IF EXISTS "{name.Replace("\"", "\"\"")}" """, connection)
        {
            CommandTimeout = 0,
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The bot's chunk count by vector dimension, and its own indexes (<see cref="BotIndexNames"/>) with whether each is ready.</summary>
    public static async Task<(Dictionary<int, long> Counts, List<(string Name, bool Valid)> Indexes)> BotIndexStateAsync(
        NpgsqlConnection connection, Guid botId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(BotIndexStateSql, connection);
        command.Parameters.AddWithValue("bot", botId);
        command.Parameters.AddWithValue("prefix", BotIndexNames.Prefix(botId));
        var (counts, indexes) = (new Dictionary<int, long>(), new List<(string, bool)>());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetInt32(0)] = reader.GetInt64(1);
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            indexes.Add((reader.GetString(0), reader.GetBoolean(1)));
        }

        return (counts, indexes);
    }

    /// <summary>Bots with at least <paramref name="threshold"/> chunks, and bots (deleted or not) that have indexes of their own.</summary>
    public static async Task<HashSet<Guid>> BotsToSweepAsync(NpgsqlConnection connection, int threshold, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(BotsToSweepSql, connection);
        command.Parameters.AddWithValue("threshold", (long)threshold);
        command.Parameters.AddWithValue("prefix", BotIndexNames.CommonPrefix);
        var bots = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            bots.Add(reader.GetGuid(0));
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (BotIndexNames.BotOf(reader.GetString(0)) is { } bot)
            {
                bots.Add(bot);
            }
        }

        return bots;
    }

    /// <summary>
    /// Takes the session-level lock on the bot's own indexes, if no one holds it; one job at a time builds or drops them.
    /// PostgreSQL releases it with the session (the pool resets a returned connection) or with <see cref="UnlockBotIndexesAsync"/>.
    /// </summary>
    public static async Task<bool> TryLockBotIndexesAsync(NpgsqlConnection connection, Guid botId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended(@key, 0))", connection);
        command.Parameters.AddWithValue("key", BotIndexNames.Prefix(botId));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static async Task UnlockBotIndexesAsync(NpgsqlConnection connection, Guid botId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended(@key, 0))", connection);
        command.Parameters.AddWithValue("key", BotIndexNames.Prefix(botId));
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>The access method and operator class of the HNSW index over vectors of one dimension (halfvec above 2,000).</summary>
    private static string Hnsw(int dimensions)
    {
        var ops = dimensions <= MaxVectorDimensions ? "vector" : "halfvec";
        return $"USING hnsw (({Chunks.Embedding}::{ops}({dimensions})) {ops}_cosine_ops)";
    }
}
