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
/// mixes models or dimensions. Each run is an <c>ingest.reembed</c> span (outcome switched, unchanged or deleted) with
/// an <c>ingest.embed</c> and an <c>ingest.save</c> span per page of chunks.
/// </summary>
public sealed class ReembedBotJob(
    AppDbContext db, NpgsqlDataSource dataSource, ChunkEmbedder embedder, VectorIndexes indexes, ILogger<ReembedBotJob> logger)
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

        // Documents ingested meanwhile still use the old model: embed until the switch finds none missing.
        while (!await TrySwitchAsync(botId, target, cancellationToken))
        {
            await EmbedMissingAsync(botId, target, cancellationToken);
        }

        span?.SetTag(ChatSphereTelemetry.Tags.Outcome, "switched");
        logger.LogInformation("Bot {BotId} now answers with embedding model {Model}", botId, target);
    }

    private async Task EmbedMissingAsync(Guid botId, string model, CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await db.Chunks.AsNoTracking()
                .Where(c => c.BotId == botId && !db.PendingEmbeddings.Any(p => p.ChunkId == c.Id && p.Model == model))
                .OrderBy(c => c.Id)
                .Select(c => new { c.Id, c.HeadingPath, c.Text, c.TokenCount })
                .Take(PageSize)
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                return;
            }

            IReadOnlyList<Pgvector.Vector> vectors;
            using (ChatSphereTelemetry.Source.StartActivity(ChatSphereTelemetry.Spans.EmbedChunks))
            {
                vectors = await embedder.EmbedAsync(
                    model, page.Select(c => (ChunkEmbedder.EmbeddingText(c.HeadingPath, c.Text), c.TokenCount)).ToList(),
                    _ => Task.CompletedTask, cancellationToken);
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

    /// <summary>Switches when every chunk has a vector from <paramref name="model"/>; false when some are missing.</summary>
    private async Task<bool> TrySwitchAsync(Guid botId, string model, CancellationToken cancellationToken)
    {
        var dimensions = await db.PendingEmbeddings.Where(p => p.BotId == botId && p.Model == model)
            .Select(p => p.Dimensions).FirstOrDefaultAsync(cancellationToken);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await indexes.EnsureAsync(dimensions, ct);
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            if (await ChunkSql.LockBotAndCountMissingAsync(connection, transaction, botId, model, ct) > 0)
            {
                return false;
            }

            await ChunkSql.SwitchModelAsync(connection, transaction, botId, model, ct);
            await transaction.CommitAsync(ct);
            return true;
        }, cancellationToken);
    }
}
