using System.Collections.Concurrent;
using Npgsql;

namespace ChatSphere.Core.Ingestion;

/// <summary>
/// One HNSW index per embedding dimension: the Embedding column is untyped (bots may use different models),
/// so each index is a partial expression index over the rows of that dimension, created when first needed.
/// </summary>
public sealed class VectorIndexes(NpgsqlDataSource dataSource)
{
    /// <summary>pgvector indexes vector up to 2,000 dimensions and halfvec up to 4,000.</summary>
    public const int MaxVectorDimensions = 2000;
    public const int MaxIndexedDimensions = 4000;

    private readonly ConcurrentDictionary<int, bool> _known = new();

    /// <summary>The expression a query must ORDER BY for the planner to use the index of this dimension.</summary>
    public static string DistanceExpression(int dimensions, string parameter) => dimensions <= MaxVectorDimensions
        ? $"""("Embedding"::vector({dimensions}) <=> {parameter}::vector({dimensions}))"""
        : $"""("Embedding"::halfvec({dimensions}) <=> {parameter}::halfvec({dimensions}))""";

    public async Task EnsureAsync(int dimensions, CancellationToken cancellationToken)
    {
        if (dimensions is <= 0 or > MaxIndexedDimensions || _known.ContainsKey(dimensions))
        {
            return;
        }

        var ops = dimensions <= MaxVectorDimensions ? "vector" : "halfvec";
        await using var command = dataSource.CreateCommand(
            $"""
            CREATE INDEX IF NOT EXISTS "IX_Chunks_Embedding_{dimensions}" ON "Chunks"
            USING hnsw (("Embedding"::{ops}({dimensions})) {ops}_cosine_ops) WHERE "EmbeddingDimensions" = {dimensions}
            """);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
        {
            // Another worker created it at the same moment.
        }

        _known[dimensions] = true;
    }
}
