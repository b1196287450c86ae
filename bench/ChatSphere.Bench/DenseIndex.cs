using System.Numerics.Tensors;
using ChatSphere.Core.Languages;
using Microsoft.Extensions.AI;

namespace ChatSphere.Bench;

/// <summary>Unit vectors of all chunks in one array; a query is scored against all of them (exact search).</summary>
internal sealed class DenseIndex(float[] matrix, int dimensions)
{
    public static DenseIndex Build(
        IEmbeddingGenerator<string, Embedding<float>> generator, IReadOnlyList<string> texts, int dimensions, string? language = null) =>
        Of(generator.GenerateAsync(texts, LanguageOption.For(language)).GetAwaiter().GetResult(), dimensions);

    public static DenseIndex Of(GeneratedEmbeddings<Embedding<float>> embeddings, int dimensions)
    {
        var matrix = new float[embeddings.Count * dimensions];
        for (var i = 0; i < embeddings.Count; i++)
        {
            embeddings[i].Vector.Span.CopyTo(matrix.AsSpan(i * dimensions));
        }

        return new DenseIndex(matrix, dimensions);
    }

    public void Score(ReadOnlySpan<float> query, float[] scores)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = TensorPrimitives.Dot(query, matrix.AsSpan(i * dimensions, dimensions));
        }
    }
}
