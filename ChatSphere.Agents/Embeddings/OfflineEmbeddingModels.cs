using ChatSphere.Core.Ingestion;
using Microsoft.Extensions.AI;

namespace ChatSphere.Agents.Embeddings;

/// <summary>
/// ChatSphere's own embedding models, which need no key and spend nothing: the hashing embedder (the default, any
/// language, matches words) and snowflake-arctic-embed-xs (English, matches meanings; bench/RESULTS.md, issue 12).
/// With no model key configured they are the only ones.
/// </summary>
public sealed class OfflineEmbeddingModels : IEmbeddingModels
{
    /// <summary>The offline models an owner may choose, the default first.</summary>
    public static IReadOnlyList<string> Names { get; } = [HashingEmbeddingGenerator.ModelId, ArcticEmbeddingGenerator.ModelId];

    private readonly HashingEmbeddingGenerator _hashing = new();
    private readonly ArcticEmbeddingGenerator _arctic = new();

    public string DefaultModel => HashingEmbeddingGenerator.ModelId;

    public static bool Offers(string model) => Names.Contains(model);

    /// <summary>What the settings page says beside an offline model's name; null for any other model.</summary>
    public static string? Description(string model) => model switch
    {
        HashingEmbeddingGenerator.ModelId => "offline, matches words",
        ArcticEmbeddingGenerator.ModelId => "offline, English, semantic",
        _ => null,
    };

    public IEmbeddingGenerator<string, Embedding<float>> Get(string model) => model switch
    {
        HashingEmbeddingGenerator.ModelId => _hashing,
        ArcticEmbeddingGenerator.ModelId => _arctic,
        _ => throw new InvalidOperationException(
            $"The embedding model '{model}' needs an OpenAI-compatible endpoint, but no model API key is configured."),
    };
}
