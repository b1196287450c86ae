using System.Diagnostics;
using System.Text.RegularExpressions;
using ChatSphere.Agents.Embeddings;
using ChatSphere.Agents.Models;
using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Ingestion;
using ChatSphere.Core.Languages;
using ChatSphere.Core.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Pgvector;
using static ChatSphere.Core.Telemetry.ChatSphereTelemetry;

namespace ChatSphere.Agents.Retrieval;

/// <summary>
/// Hybrid retrieval over one bot's chunks: vector nearest neighbours and full-text search, fused by reciprocal
/// rank fusion. The one search behind the agent, the search API and the "Test retrieval" box. Traced as
/// <see cref="Spans.Retrieval"/> with <see cref="Spans.Embed"/> and <see cref="Spans.Search"/> inside, and timed by
/// <see cref="ChatSphereMetrics.RetrievalDuration"/> (leg "embed" and "search").
/// </summary>
public sealed partial class KnowledgeSearch(
    AppDbContext db, NpgsqlDataSource dataSource, IEmbeddingModels models, ChunkCounts counts, BotLanguages botLanguages,
    LanguageDetection detection, IOptions<ModelOptions> options, IOptions<IngestionOptions> ingestion,
    ChatSphereMetrics metrics, ILogger<KnowledgeSearch> logger)
{
    /// <summary>The longest query a search takes (the API's and the bot page's limit).</summary>
    public const int MaxQueryLength = 2000;

    public const int MaxTop = 50;

    /// <summary>
    /// Fusion settings by embedding model. A real embedding model earns the usual equal-weight RRF (k = 60); the
    /// offline hashing embedder is a weaker, lexical signal, so it only breaks ties for full text (k = 10, weight 0.3:
    /// 94.2% against 91.7% with equal weights on the SQuAD benchmark, bench/TUNING.md). The offline semantic model
    /// does best with equal weights and k = 10 (SQuAD top-5 97.1% against 96.4% at k = 60, bench/RESULTS.md).
    /// </summary>
    internal static (int K, double VectorWeight) FusionFor(string? model) => model switch
    {
        HashingEmbeddingGenerator.ModelId => (10, 0.3),
        ArcticEmbeddingGenerator.ModelId => (10, 1.0),
        _ => (60, 1.0),
    };

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(
        Bot bot, string query, int top, CancellationToken cancellationToken, SearchMode mode = SearchMode.Hybrid)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(top, MaxTop);
        if (string.IsNullOrWhiteSpace(query) || bot.ActiveEmbeddingModel is null)
        {
            return [];
        }

        // StartActivity returns null when nobody listens: the tags below then cost nothing.
        using var activity = Source.StartActivity(Spans.Retrieval);
        activity?.SetTag(Tags.BotId, bot.Id);
        activity?.SetTag(Tags.SearchMode, mode switch { SearchMode.Vector => "vector", SearchMode.Text => "text", _ => "hybrid" });
        var candidates = Math.Max(top * 4, 40);
        // The query is analysed in every language of the bot's documents; the embedder is told which one it is in.
        var languages = await botLanguages.GetAsync(bot.Id, cancellationToken);
        var vector = mode == SearchMode.Text ? null : await EmbedAsync(bot, query, detection.DetectAmong(query, languages), cancellationToken);
        var words = mode == SearchMode.Vector ? [] : QueryWords(query);
        var hits = await FindAsync(bot, vector, words, BotLanguages.ConfigurationsFor(languages), candidates, top, cancellationToken);
        activity?.SetTag(Tags.Results, hits.Count);
        return hits;
    }

    /// <summary>
    /// The query's embedding with the bot's active model, or null when that model is not available here, fails, answers
    /// something that is no vector, or is silent for the model's idle limit: full text still answers, in bounded time.
    /// </summary>
    private async Task<Vector?> EmbedAsync(Bot bot, string query, string? language, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = Source.StartActivity(Spans.Embed);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(options.Value.StreamIdleTimeoutSeconds));
        try
        {
            var embedding = await models.Get(bot.ActiveEmbeddingModel!).GenerateAsync([query], EmbeddingPurpose.ForQuery(language), limit.Token);
            return EmbeddingCheck.Vectors(embedding, 1)[0];
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = limit.IsCancellationRequested ? $"no answer within {options.Value.StreamIdleTimeoutSeconds} s" : ex.Message;
            activity?.SetStatus(ActivityStatusCode.Error, reason);
            logger.LogWarning("Vector search skipped for bot {BotId}: {Reason}", bot.Id, reason);
            return null;
        }
        finally
        {
            metrics.RetrievalDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>(Tags.Leg, "embed"));
        }
    }

    /// <summary>
    /// Any query word may match (OR); "or" itself would read as the operator. A query with a script written without
    /// spaces becomes the same tokens (character bigrams) its documents were indexed with.
    /// </summary>
    internal static List<string> QueryWords(string query) =>
        (TextTokens.HasUnspacedScript(query) ? TextTokens.Tokenize(query).Select(t => t.Text) : Words().Matches(query).Select(m => m.Value))
            .Where(w => !w.Equals("or", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase).Take(64).ToList();

    /// <summary>The database's part: both legs in one batch, fused, then the winners' rows.</summary>
    private async Task<IReadOnlyList<SearchHit>> FindAsync(
        Bot bot, Vector? vector, List<string> words, IReadOnlyList<string> configs, int candidates, int top, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = Source.StartActivity(Spans.Search);
        try
        {
            // Reads only: after a dropped connection EF's retrying strategy runs them again on a fresh one.
            return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
            {
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                var (vectorLeg, textLeg) = await LegsAsync(connection, bot, vector, words, configs, candidates, activity, ct);
                activity?.SetTag(Tags.VectorRows, vectorLeg.Count);
                activity?.SetTag(Tags.TextRows, textLeg.Count);
                var (k, vectorWeight) = FusionFor(bot.ActiveEmbeddingModel);
                var fused = RankFusion.Fuse(
                    [new RankedLeg(vectorLeg.Select(v => v.Id).ToList(), vectorWeight), new RankedLeg(textLeg)], k, top, bot.ScoreThreshold);
                return await LoadAsync(connection, bot.Id, fused, vectorLeg, ct);
            }, cancellationToken);
        }
        finally
        {
            metrics.RetrievalDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>(Tags.Leg, "search"));
        }
    }

    private async Task<(List<(Guid Id, double Similarity)> Vector, List<Guid> Text)> LegsAsync(
        NpgsqlConnection connection, Bot bot, Vector? vector, List<string> words, IReadOnlyList<string> configs, int limit, Activity? activity,
        CancellationToken cancellationToken)
    {
        if (vector is null && words.Count == 0)
        {
            return ([], []);
        }

        // The count (cached) picks the vector leg's scan and gives the full-text leg's IDF its total.
        var (count, indexes) = await counts.GetAsync(connection, bot.Id, cancellationToken);
        var scan = vector is null
            ? VectorScan.Exact
            : ScanFor(count, indexes.Contains(BotIndexNames.Vector(bot.Id, vector.ToArray().Length)), ingestion.Value.BotIndexChunks);
        activity?.SetTag(Tags.ExactSearch, scan == VectorScan.Exact);
        return await ChunkSql.RankAsync(connection, bot.Id, bot.ActiveEmbeddingModel!, vector, scan, words, configs, count, limit, cancellationToken);
    }

    /// <summary>
    /// Small bots: exact distances over their rows. Large ones: their own HNSW index once its job has built it, until
    /// then the shared one (the full-text leg's planner picks the bot's own GIN index by itself).
    /// </summary>
    internal static VectorScan ScanFor(long count, bool ownIndex, int botIndexChunks) =>
        count < botIndexChunks ? VectorScan.Exact : ownIndex ? VectorScan.BotIndex : VectorScan.SharedIndex;

    private static async Task<IReadOnlyList<SearchHit>> LoadAsync(
        NpgsqlConnection connection, Guid botId, List<FusedRank> ranked, List<(Guid Id, double Similarity)> vectorLeg,
        CancellationToken cancellationToken)
    {
        if (ranked.Count == 0)
        {
            return [];
        }

        var rows = await ChunkSql.LoadAsync(connection, botId, ranked.Select(r => r.Id).ToArray(), cancellationToken);

        // A chunk deleted between the ranking and this read is simply left out.
        return ranked.Where(r => rows.ContainsKey(r.Id))
            .Select(r =>
            {
                var row = rows[r.Id];
                var (vectorRank, textRank) = (r.Ranks[0], r.Ranks[1]);
                double? similarity = vectorRank is { } rank ? vectorLeg[rank - 1].Similarity : null;
                return new SearchHit(r.Id, row.DocumentId, row.FileName, row.HeadingPath, row.Page, row.Text, r.Score, vectorRank, similarity, textRank);
            })
            .ToList();
    }

    // Letters with their combining marks: Devanagari and other Indic vowel signs are marks, not letters.
    [GeneratedRegex(@"[\p{L}\p{M}\p{N}]+")]
    private static partial Regex Words();
}
