using ChatSphere.Core.Data;
using ChatSphere.Core.Telemetry;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChatSphere.Core.Ingestion;

/// <summary>
/// Moves a bot to the embedding model its owner chose. New vectors go to a side table while the old ones keep
/// answering; the switch copies them in and changes the bot's active model in one transaction, so a query never
/// mixes models or dimensions. Each run is an <c>ingest.reembed</c> span (outcome switched, unchanged, superseded or deleted) with
/// an <c>ingest.embed</c> and an <c>ingest.save</c> span per page of chunks.
/// </summary>
public sealed class ReembedBotJob(
    AppDbContext db, NpgsqlDataSource dataSource, ChunkEmbedder embedder, VectorIndexes indexes, BotIndexes botIndexes,
    ILogger<ReembedBotJob> logger)
{
    private const int PageSize = 256;

    [JobDisplayName("Re-embed bot {0}")]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 60, 300])]
    public async Task RunAsync(Guid botId, CancellationToken cancellationToken)
    {
        using var span = ChatSphereTelemetry.Source.StartActivity(ChatSphereTelemetry.Spans.Reembed);
        span?.SetTag(ChatSphereTelemetry.Tags.BotId, botId.ToString());
        var bot = await db.Bots.AsNoTracking().FirstOrDefaultAsync(b => b.Id == botId, cancellationToken);
        if (bot is null)
        {
            span?.SetTag(ChatSphereTelemetry.Tags.Outcome, "deleted");
            return;
        }

        var target = embedder.TargetModelFor(bot);
        if (bot.ActiveEmbeddingModel == target)
        {
            span?.SetTag(ChatSphereTelemetry.Tags.Outcome, "unchanged");
            return;
        }

        // Documents ingested meanwhile still use the old model: embed until the switch finds none missing. The owner
        // may choose again meanwhile: then the job for the newer choice does the switch, and this one stops.
        SwitchResult result;
        while ((result = await TrySwitchAsync(botId, target, cancellationToken)) == SwitchResult.Missing)
        {
            await EmbedMissingAsync(botId, target, cancellationToken);
        }

        span?.SetTag(ChatSphereTelemetry.Tags.Outcome, result == SwitchResult.Switched ? "switched" : "superseded");
        if (result == SwitchResult.Switched)
        {
            // A new dimension wants its own index, and the old one's goes.
            await botIndexes.QueueIfNeededAsync(botId, cancellationToken);
            logger.LogInformation("Bot {BotId} now answers with embedding model {Model}", botId, target);
        }
        else
        {
            logger.LogInformation("Re-embedding bot {BotId} with {Model} stopped: the owner chose another model", botId, target);
        }
    }

    private async Task EmbedMissingAsync(Guid botId, string model, CancellationToken cancellationToken)
    {
        // Stops early when the owner has chosen another model; the switch, under the bot's lock, has the last word.
        while (embedder.TargetModelFor(await db.Bots.Where(b => b.Id == botId).Select(b => b.EmbeddingModel).FirstOrDefaultAsync(cancellationToken)) == model)
        {
            var page = await db.Chunks.AsNoTracking()
                .Where(c => c.BotId == botId && !db.PendingEmbeddings.Any(p => p.ChunkId == c.Id && p.Model == model))
                .OrderBy(c => c.Id)
                .Select(c => new { c.Id, c.HeadingPath, c.Text, c.TokenCount, c.Language })
                .Take(PageSize)
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                return;
            }

            // Each language's chunks together, so the model is told each one's language.
            page = page.OrderBy(c => c.Language, StringComparer.Ordinal).ToList();
            var vectors = new List<Pgvector.Vector>(page.Count);
            using (ChatSphereTelemetry.Source.StartActivity(ChatSphereTelemetry.Spans.EmbedChunks))
            {
                foreach (var language in page.GroupBy(c => c.Language))
                {
                    vectors.AddRange(await embedder.EmbedAsync(
                        model, language.Select(c => (ChunkEmbedder.EmbeddingText(c.HeadingPath, c.Text), c.TokenCount)).ToList(),
                        language.Key, _ => Task.CompletedTask, cancellationToken));
                }
            }

            using var save = ChatSphereTelemetry.Source.StartActivity(ChatSphereTelemetry.Spans.SaveChunks);
            // One COPY is one statement, all or nothing: after a dropped connection it is simply run again.
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
            {
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                await ChunkSql.CopyPendingAsync(connection, botId, model, page.Select(c => c.Id).ToList(), vectors, ct);
            }, cancellationToken);
        }
    }

    /// <summary>
    /// Switches when the owner still wants <paramref name="model"/> and every chunk has a vector from it; Missing when
    /// some have none. A model the owner has left (or a deleted bot) is Superseded: its pending vectors are dropped.
    /// </summary>
    private async Task<SwitchResult> TrySwitchAsync(Guid botId, string model, CancellationToken cancellationToken)
    {
        var dimensions = await db.PendingEmbeddings.Where(p => p.BotId == botId && p.Model == model)
            .Select(p => p.Dimensions).FirstOrDefaultAsync(cancellationToken);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await indexes.EnsureAsync(dimensions, ct);

            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            var (found, chosen, active, missing) = await ChunkSql.LockBotAndCountMissingAsync(connection, transaction, botId, model, ct);
            if (!found || embedder.TargetModelFor(chosen) != model)
            {
                await ChunkSql.DropPendingAsync(connection, transaction, botId, model, ct);
                await transaction.CommitAsync(ct);
                return SwitchResult.Superseded;
            }

            if (active == model)
            {
                // Another job for the same choice switched first.
                await ChunkSql.DropPendingAsync(connection, transaction, botId, model, ct);
                await transaction.CommitAsync(ct);
                return SwitchResult.Switched;
            }

            if (missing > 0)
            {
                return SwitchResult.Missing;
            }

            await ChunkSql.SwitchModelAsync(connection, transaction, botId, model, ct);
            await transaction.CommitAsync(ct);
            return SwitchResult.Switched;
        }, cancellationToken);
    }

    private enum SwitchResult
    {
        Switched,
        Missing,
        Superseded,
    }
}
