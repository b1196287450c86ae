using ChatSphere.Core.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatSphere.Core.Ingestion;

/// <summary>
/// Once at start, asks <see cref="BotIndexes"/> about every bot that is large or has indexes of its own: catches bots that
/// grew before their indexes existed (an upgrade, a bulk load) and indexes whose bot went by a path that does not ask (an
/// account deleting itself, a crash between the deletion and the question). One grouped count of the chunks.
/// </summary>
internal sealed class BotIndexSweep(
    IServiceScopeFactory scopes, NpgsqlDataSource dataSource, IOptions<IngestionOptions> options, ILogger<BotIndexSweep> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            HashSet<Guid> bots;
            await using (var connection = await dataSource.OpenConnectionAsync(stoppingToken))
            {
                bots = await ChunkSql.BotsToSweepAsync(connection, options.Value.BotIndexChunks, stoppingToken);
            }

            await using var scope = scopes.CreateAsyncScope();
            var indexes = scope.ServiceProvider.GetRequiredService<BotIndexes>();
            foreach (var bot in bots)
            {
                await indexes.QueueIfNeededAsync(bot, stoppingToken);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // Not worth stopping the site for: searches still answer (exactly or through the shared index).
            logger.LogWarning(ex, "The start-up check of bots' own indexes failed");
        }
    }
}
