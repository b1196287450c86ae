using System.Text.RegularExpressions;
using ChatSphere.Agents.Embeddings;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Ingestion;
using Microsoft.Extensions.Logging;
using Npgsql;
using Pgvector;

namespace ChatSphere.Agents.Retrieval;

/// <summary>
/// Hybrid retrieval over one bot's chunks: vector nearest neighbours and full-text search, fused by reciprocal
/// rank fusion. The one search behind the agent, the search API and the "Test retrieval" box.
/// </summary>
public sealed partial class KnowledgeSearch(
    NpgsqlDataSource dataSource, IEmbeddingModels models, ChunkCounts counts, ILogger<KnowledgeSearch> logger)
{
    /// <summary>
    /// Fusion settings by embedding model. A real embedding model earns the usual equal-weight RRF (k = 60); the
    /// offline hashing embedder is a weaker, lexical signal, so it only breaks ties for full text (k = 10, weight 0.3:
    /// 94.2% against 91.7% with equal weights on the SQuAD benchmark, bench/TUNING.md).
    /// </summary>
    private static (int K, double VectorWeight) Fusion(string? model) =>
        model == HashingEmbeddingGenerator.ModelId ? (10, 0.3) : (60, 1.0);

    /// <summary>Up to this many chunks a bot's vectors are searched exactly; above it the HNSW index answers.</summary>
    private const int ExactSearchLimit = 5000;

    public const int MaxTop = 50;

    /// <param name="timings">When given, receives embedMs (the query's embedding) and searchMs (the SQL and fusion).</param>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(
        Bot bot, string query, int top, CancellationToken cancellationToken, SearchMode mode = SearchMode.Hybrid,
        IDictionary<string, double>? timings = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(top, MaxTop);
        if (string.IsNullOrWhiteSpace(query) || bot.ActiveEmbeddingModel is null)
        {
            return [];
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var candidates = Math.Max(top * 4, 40);
        var vector = mode == SearchMode.Text ? null : await EmbedAsync(bot, query, timings, cancellationToken);
        var words = mode == SearchMode.Vector ? [] : QueryWords(query);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var (vectorLeg, textLeg) = await LegsAsync(connection, bot, vector, words, candidates, cancellationToken);
        var fused = Fuse(vectorLeg, textLeg, top, bot.ScoreThreshold, Fusion(bot.ActiveEmbeddingModel));
        var hits = await LoadAsync(connection, bot.Id, fused, cancellationToken);
        if (timings is not null)
        {
            timings["searchMs"] = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds - (timings.TryGetValue("embedMs", out var embedMs) ? embedMs : 0);
        }

        return hits;
    }

    /// <summary>The query's embedding with the bot's active model, or null when that model is not available here.</summary>
    private async Task<Vector?> EmbedAsync(Bot bot, string query, IDictionary<string, double>? timings, CancellationToken cancellationToken)
    {
        var embedStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var embedding = await models.Get(bot.ActiveEmbeddingModel!).GenerateAsync([query], cancellationToken: cancellationToken);
            timings?.Add("embedMs", System.Diagnostics.Stopwatch.GetElapsedTime(embedStarted).TotalMilliseconds);
            return new Vector(embedding[0].Vector);
        }
        catch (InvalidOperationException ex)
        {
            // The bot's model is not available here (e.g. no key any more): full text still answers.
            logger.LogWarning("Vector search skipped for bot {BotId}: {Reason}", bot.Id, ex.Message);
            return null;
        }
    }

    /// <summary>Any query word may match (OR); "or" itself would read as the operator.</summary>
    private static List<string> QueryWords(string query) =>
        Words().Matches(query).Select(m => m.Value)
            .Where(w => !w.Equals("or", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase).Take(64).ToList();

    /// <summary>Both legs' candidates, sent to PostgreSQL as one batch (one round trip).</summary>
    private async Task<(List<(Guid Id, double Similarity)> Vector, List<Guid> Text)> LegsAsync(
        NpgsqlConnection connection, Bot bot, Vector? vector, List<string> words, int limit, CancellationToken cancellationToken)
    {
        if (vector is null && words.Count == 0)
        {
            return ([], []);
        }

        // Small bots: exact distances over the bot's rows. Large bots: the HNSW index, with iterative scans so the
        // bot filter applied after the index still yields enough rows (SET LOCAL, so in a transaction).
        var exact = vector is null || await counts.GetAsync(connection, bot.Id, cancellationToken) <= ExactSearchLimit;
        await using var transaction = exact ? null : await connection.BeginTransactionAsync(cancellationToken);
        if (!exact)
        {
            await using var settings = new NpgsqlCommand("SET LOCAL hnsw.iterative_scan = relaxed_order; SET LOCAL hnsw.ef_search = 100", connection, transaction);
            await settings.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        if (vector is not null)
        {
            batch.BatchCommands.Add(VectorCommand(bot, vector, exact, limit));
        }

        if (words.Count > 0)
        {
            batch.BatchCommands.Add(TextCommand(bot.Id, words, limit));
        }

        var (vectorLeg, textLeg) = (new List<(Guid, double)>(), new List<Guid>());
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
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
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return (vectorLeg, textLeg);
    }

    private static NpgsqlBatchCommand VectorCommand(Bot bot, Vector vector, bool exact, int limit)
    {
        var dimensions = vector.ToArray().Length;
        var distance = VectorIndexes.DistanceExpression(dimensions, "@q");
        var command = new NpgsqlBatchCommand($"""
            SELECT "Id", 1 - {distance} FROM "Chunks"
            WHERE "BotId" = @bot AND "EmbeddingModel" = @model AND "EmbeddingDimensions" = @dims
            ORDER BY {distance}{(exact ? " + 0" : "")}
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("q", vector);
        command.Parameters.AddWithValue("bot", bot.Id);
        command.Parameters.AddWithValue("model", bot.ActiveEmbeddingModel!);
        command.Parameters.AddWithValue("dims", dimensions);
        command.Parameters.AddWithValue("limit", limit);
        return command;
    }

    private static NpgsqlBatchCommand TextCommand(Guid botId, List<string> words, int limit)
    {
        // Ranked by ts_rank over the weighted heading + text vector.
        var command = new NpgsqlBatchCommand(
            """
            SELECT c."Id" FROM "Chunks" c, websearch_to_tsquery('english', @words) q
            WHERE c."BotId" = @bot AND c."SearchVector" @@ q
            ORDER BY ts_rank(c."SearchVector", q, 1) DESC
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("words", string.Join(" or ", words));
        command.Parameters.AddWithValue("bot", botId);
        command.Parameters.AddWithValue("limit", limit);
        return command;
    }

    private static List<(Guid Id, double Score, int? VectorRank, double? Similarity, int? TextRank)> Fuse(
        List<(Guid Id, double Similarity)> vectorLeg, List<Guid> textLeg, int top, float? threshold, (int K, double VectorWeight) fusion)
    {
        var (k, weight) = fusion;
        var best = (1 + weight) / (k + 1);
        var hits = new Dictionary<Guid, (double Score, int? VectorRank, double? Similarity, int? TextRank)>();
        for (var i = 0; i < vectorLeg.Count; i++)
        {
            hits[vectorLeg[i].Id] = (weight / (k + i + 1), i + 1, vectorLeg[i].Similarity, null);
        }

        for (var i = 0; i < textLeg.Count; i++)
        {
            var current = hits.GetValueOrDefault(textLeg[i]);
            hits[textLeg[i]] = (current.Score + 1.0 / (k + i + 1), current.VectorRank, current.Similarity, i + 1);
        }

        return hits
            .Select(h => (h.Key, h.Value.Score / best, h.Value.VectorRank, h.Value.Similarity, h.Value.TextRank))
            .Where(h => threshold is null || h.Item2 >= threshold)
            .OrderByDescending(h => h.Item2)
            .Take(top)
            .ToList();
    }

    private static async Task<IReadOnlyList<SearchHit>> LoadAsync(
        NpgsqlConnection connection, Guid botId,
        List<(Guid Id, double Score, int? VectorRank, double? Similarity, int? TextRank)> ranked, CancellationToken cancellationToken)
    {
        if (ranked.Count == 0)
        {
            return [];
        }

        await using var command = new NpgsqlCommand(
            """
            SELECT c."Id", c."DocumentId", d."FileName", c."HeadingPath", c."Page", c."Text"
            FROM "Chunks" c JOIN "Documents" d ON d."Id" = c."DocumentId"
            WHERE c."BotId" = @bot AND c."Id" = ANY(@ids)
            """, connection);
        command.Parameters.AddWithValue("bot", botId);
        command.Parameters.AddWithValue("ids", ranked.Select(r => r.Id).ToArray());
        var rows = new Dictionary<Guid, (Guid DocumentId, string Name, string Heading, int? Page, string Text)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows[reader.GetGuid(0)] = (reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetInt32(4), reader.GetString(5));
            }
        }

        // A chunk deleted between the ranking and this read is simply left out.
        return ranked.Where(r => rows.ContainsKey(r.Id))
            .Select(r =>
            {
                var row = rows[r.Id];
                return new SearchHit(r.Id, row.DocumentId, row.Name, row.Heading, row.Page, row.Text, r.Score, r.VectorRank, r.Similarity, r.TextRank);
            })
            .ToList();
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Words();
}
