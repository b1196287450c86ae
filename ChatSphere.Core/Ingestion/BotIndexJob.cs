using System.Diagnostics;
using ChatSphere.Core.Data;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatSphere.Core.Ingestion;

/// <summary>
/// Builds and drops a large bot's own indexes (<see cref="BotIndexPlan"/>) without blocking its searches or uploads
/// (CONCURRENTLY). Takes only the bot id and reads the rest, so it is safe to run twice: a run that finds another at
/// work returns at once, and the one at work looks again after its builds, so a change made meanwhile is not missed.
/// </summary>
public sealed class BotIndexJob(NpgsqlDataSource dataSource, IOptions<IngestionOptions> options, ILogger<BotIndexJob> logger)
{
    private const int Passes = 3;

    [JobDisplayName("Indexes of bot {0}")]
    [AutomaticRetry(Attempts = 2, DelaysInSeconds = [30, 300])]
    public async Task RunAsync(Guid botId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await ChunkSql.TryLockBotIndexesAsync(connection, botId, cancellationToken))
        {
            logger.LogInformation("Indexes of bot {BotId} are being changed by another run", botId);
            return;
        }

        try
        {
            for (var pass = 0; pass < Passes; pass++)
            {
                var (counts, indexes) = await ChunkSql.BotIndexStateAsync(connection, botId, cancellationToken);
                var plan = BotIndexPlan.For(botId, counts, indexes, options.Value.BotIndexChunks, repairInvalid: true);
                if (plan.IsEmpty)
                {
                    return;
                }

                foreach (var name in plan.Drop)
                {
                    await ChunkSql.DropBotIndexAsync(connection, name, cancellationToken);
                    logger.LogInformation("Dropped index {Index} of bot {BotId}", name, botId);
                }

                foreach (var dimensions in plan.Create)
                {
                    var started = Stopwatch.GetTimestamp();
                    await ChunkSql.CreateBotIndexAsync(connection, botId, dimensions, cancellationToken);
                    logger.LogInformation(
                        "Built the {Kind} index of bot {BotId} in {Ms} ms", dimensions is { } d ? $"{d}-d vector" : "full-text", botId,
                        (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }
        finally
        {
            await ChunkSql.UnlockBotIndexesAsync(connection, botId, CancellationToken.None);
        }
    }
}
