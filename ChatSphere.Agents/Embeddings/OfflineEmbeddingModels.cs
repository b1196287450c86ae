using ChatSphere.Core.Ingestion;
using Microsoft.Extensions.AI;

namespace ChatSphere.Agents.Embeddings;

/// <summary>The embedding models with no model key configured: only ChatSphere's offline embedder.</summary>
public sealed class OfflineEmbeddingModels : IEmbeddingModels
{
    private readonly HashingEmbeddingGenerator _embedder = new();

    public string DefaultModel => HashingEmbeddingGenerator.ModelId;

    public IEmbeddingGenerator<string, Embedding<float>> Get(string model) =>
        model == HashingEmbeddingGenerator.ModelId
            ? _embedder
            : throw new InvalidOperationException(
                $"The embedding model '{model}' needs an OpenAI-compatible endpoint, but no model API key is configured.");
}
