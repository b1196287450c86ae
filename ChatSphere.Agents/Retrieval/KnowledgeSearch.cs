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
public sealed partial class KnowledgeSearch(NpgsqlDataSource dataSource, IEmbeddingModels models, ILogger<KnowledgeSearch> logger)
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
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var vectorLeg = mode == SearchMode.Text ? [] : await VectorLegAsync(connection, bot, query, candidates, timings, cancellationToken);
        var textLeg = mode == SearchMode.Vector ? [] : await TextLegAsync(connection, bot.Id, query, candidates, cancellationToken);
        var fused = Fuse(vectorLeg, textLeg, top, bot.ScoreThreshold, Fusion(bot.ActiveEmbeddingModel));
        var hits = await LoadAsync(connection, bot.Id, fused, cancellationToken);
        if (timings is not null)
        {
            timings["searchMs"] = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds - (timings.TryGetValue("embedMs", out var embedMs) ? embedMs : 0);
        }

        return hits;
    }

    private async Task<List<(Guid Id, double Similarity)>> VectorLegAsync(
        NpgsqlConnection connection, Bot bot, string query, int limit, IDictionary<string, double>? timings, CancellationToken cancellationToken)
    {
        Vector vector;
        var embedStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var embedding = await models.Get(bot.ActiveEmbeddingModel!).GenerateAsync([query], cancellationToken: cancellationToken);
            vector = new Vector(embedding[0].Vector);
            timings?.Add("embedMs", System.Diagnostics.Stopwatch.GetElapsedTime(embedStarted).TotalMilliseconds);
        }
        catch (InvalidOperationException ex)
        {
            // The bot's model is not available here (e.g. no key any more): full text still answers.
            logger.LogWarning("Vector search skipped for bot {BotId}: {Reason}", bot.Id, ex.Message);
            return [];
        }

        var dimensions = vector.ToArray().Length;
        var distance = VectorIndexes.DistanceExpression(dimensions, "@q");
        // Small bots: exact distances over the bot's rows. Large bots: the HNSW index, with iterative scans so the
        // bot filter applied after the index still yields enough rows.
        var exact = await CountAsync(connection, bot, cancellationToken) <= ExactSearchLimit;
        var sql = $"""
            {(exact ? "" : "SET LOCAL hnsw.iterative_scan = relaxed_order; SET LOCAL hnsw.ef_search = 100;")}
            SELECT "Id", 1 - {distance} FROM "Chunks"
            WHERE "BotId" = @bot AND "EmbeddingModel" = @model AND "EmbeddingDimensions" = @dims
            ORDER BY {distance}{(exact ? " + 0" : "")}
            LIMIT @limit
            """;
        // SET LOCAL needs a transaction; the exact search does without one (a round trip fewer per turn).
        await using var transaction = exact ? null : await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("q", vector);
        command.Parameters.AddWithValue("bot", bot.Id);
        command.Parameters.AddWithValue("model", bot.ActiveEmbeddingModel!);
        command.Parameters.AddWithValue("dims", dimensions);
        command.Parameters.AddWithValue("limit", limit);
        var rows = new List<(Guid, double)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetGuid(0), reader.GetDouble(1)));
            }
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return rows;
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, Bot bot, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""SELECT count(*) FROM "Chunks" WHERE "BotId" = @bot""", connection);
        command.Parameters.AddWithValue("bot", bot.Id);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<List<Guid>> TextLegAsync(
        NpgsqlConnection connection, Guid botId, string query, int limit, CancellationToken cancellationToken)
    {
        // Any query word may match (OR), ranked by ts_rank over the weighted heading + text vector.
        var words = Words().Matches(query).Select(m => m.Value)
            .Where(w => !w.Equals("or", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase).Take(64).ToList();
        if (words.Count == 0)
        {
            return [];
        }

        await using var command = new NpgsqlCommand(
            """
            SELECT c."Id" FROM "Chunks" c, websearch_to_tsquery('english', @words) q
            WHERE c."BotId" = @bot AND c."SearchVector" @@ q
            ORDER BY ts_rank(c."SearchVector", q, 1) DESC
            LIMIT @limit
            """, connection);
        command.Parameters.AddWithValue("words", string.Join(" or ", words));
        command.Parameters.AddWithValue("bot", botId);
        command.Parameters.AddWithValue("limit", limit);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
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
