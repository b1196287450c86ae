using System.Collections.Concurrent;
using System.Diagnostics;
using ChatSphere.Core.Data;
using Npgsql;

namespace ChatSphere.Agents.Retrieval;

/// <summary>
/// How many chunks each bot has, remembered for a few seconds. The count only chooses between exact and HNSW search
/// (both return the bot's own rows), so a slightly stale one is harmless, and most turns save a round trip.
/// </summary>
public sealed class ChunkCounts
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<Guid, (long Count, long At)> _counts = new();

    public async Task<long> GetAsync(NpgsqlConnection connection, Guid botId, CancellationToken cancellationToken)
    {
        if (_counts.TryGetValue(botId, out var known) && Stopwatch.GetElapsedTime(known.At) < Lifetime)
        {
            return known.Count;
        }

        var count = await ChunkSql.CountAsync(connection, botId, cancellationToken);
        if (_counts.Count > 10_000)
        {
            _counts.Clear(); // Bots searched long ago; cheaper than tracking ages.
        }

        _counts[botId] = (count, Stopwatch.GetTimestamp());
        return count;
    }
}
