using ChatSphere.Core.Data;
using Hangfire;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatSphere.Core.Ingestion;

/// <summary>
/// Queues <see cref="BotIndexJob"/> when a bot's chunk count no longer matches its own indexes: asked after its chunks
/// change (a document saved or deleted, a model switch, the bot deleted). One cheap query; the job does the slow part.
/// </summary>
public sealed class BotIndexes(NpgsqlDataSource dataSource, IBackgroundJobClient jobs, IOptions<IngestionOptions> options)
{
    public async Task QueueIfNeededAsync(Guid botId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var (counts, indexes) = await ChunkSql.BotIndexStateAsync(connection, botId, cancellationToken);
        if (!BotIndexPlan.For(botId, counts, indexes, options.Value.BotIndexChunks, repairInvalid: false).IsEmpty)
        {
            jobs.Enqueue<BotIndexJob>(job => job.RunAsync(botId, CancellationToken.None));
        }
    }
}
