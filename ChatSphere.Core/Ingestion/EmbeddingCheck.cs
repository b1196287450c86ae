using Microsoft.Extensions.AI;
using Pgvector;

namespace ChatSphere.Core.Ingestion;

/// <summary>
/// What an embedding model answered, checked before it is used: one vector per input, all of one dimension that
/// pgvector can store, every value a number. A broken or misconfigured endpoint fails here with a reason, instead of
/// storing chunks a search cannot compare (a vector whose length differs from its row's dimension breaks the cast).
/// </summary>
public static class EmbeddingCheck
{
    /// <summary>pgvector's largest vector.</summary>
    public const int MaxDimensions = 16_000;

    public static List<Vector> Vectors(GeneratedEmbeddings<Embedding<float>> embeddings, int inputs)
    {
        if (embeddings.Count != inputs)
        {
            throw new EmbeddingFailedException($"The embedding model returned {embeddings.Count} vectors for {inputs} inputs.");
        }

        var dimensions = embeddings.Count > 0 ? embeddings[0].Vector.Length : 0;
        var vectors = new List<Vector>(embeddings.Count);
        foreach (var embedding in embeddings)
        {
            var values = embedding.Vector.Span;
            if (dimensions is 0 or > MaxDimensions)
            {
                throw new EmbeddingFailedException($"The embedding model returned vectors of {dimensions} dimensions; ChatSphere stores 1 to {MaxDimensions}.");
            }

            if (values.Length != dimensions)
            {
                throw new EmbeddingFailedException(
                    $"The embedding model returned vectors of {dimensions} and of {values.Length} dimensions in one answer; they must all be alike.");
            }

            foreach (var value in values)
            {
                if (!float.IsFinite(value))
                {
                    throw new EmbeddingFailedException("The embedding model returned a vector with a value that is not a number.");
                }
            }

            vectors.Add(new Vector(embedding.Vector));
        }

        return vectors;
    }
}
