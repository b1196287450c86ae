using System.Collections.Concurrent;
using ChatSphere.Core.Data;
using Npgsql;

namespace ChatSphere.Core.Ingestion;

/// <summary>
/// One HNSW index per embedding dimension (see <see cref="ChunkSql.CreateVectorIndexAsync"/>), created when first
/// needed and remembered, so each save costs no DDL round trip.
/// </summary>
public sealed class VectorIndexes(NpgsqlDataSource dataSource)
{
    /// <summary>pgvector indexes halfvec up to 4,000 dimensions; larger vectors are searched exactly.</summary>
    public const int MaxIndexedDimensions = 4000;

    private readonly ConcurrentDictionary<int, bool> _known = new();

    public async Task EnsureAsync(int dimensions, CancellationToken cancellationToken)
    {
        if (dimensions is <= 0 or > MaxIndexedDimensions || _known.ContainsKey(dimensions))
        {
            return;
        }

        try
        {
            await ChunkSql.CreateVectorIndexAsync(dataSource, dimensions, cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
        {
            // Another worker created it at the same moment.
        }

        _known[dimensions] = true;
    }
}
