using System.Collections.Concurrent;
using System.Diagnostics;
using ChatSphere.Core.Data;
using Npgsql;

namespace ChatSphere.Agents.Retrieval;

/// <summary>
/// How many chunks each bot has and which of its own indexes are ready, remembered for a few seconds. They only choose
/// how the vector leg reads the bot's rows (every way returns the bot's own rows), so a slightly stale answer is
/// harmless, and most turns save a round trip.
/// </summary>
public sealed class ChunkCounts
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<Guid, (long Count, string[] Indexes, long At)> _counts = new();

    public async Task<(long Count, string[] Indexes)> GetAsync(NpgsqlConnection connection, Guid botId, CancellationToken cancellationToken)
    {
        if (_counts.TryGetValue(botId, out var known) && Stopwatch.GetElapsedTime(known.At) < Lifetime)
        {
            return (known.Count, known.Indexes);
        }

        var (count, indexes) = await ChunkSql.ShapeAsync(connection, botId, cancellationToken);
        if (_counts.Count > 10_000)
        {
            _counts.Clear(); // Bots searched long ago; cheaper than tracking ages.
        }

        _counts[botId] = (count, indexes, Stopwatch.GetTimestamp());
        return (count, indexes);
    }
}
