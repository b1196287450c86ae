using ChatSphere.Core.Languages;
using Microsoft.Extensions.AI;

namespace ChatSphere.Agents.Embeddings;

/// <summary>
/// ChatSphere's embedding model when no API key is configured: feature hashing of words (stemmed in English), word
/// pairs and character n-grams, analysed in the language the options carry (<see cref="LanguageOption"/>). Deterministic, pure C#, needs no download, thread-safe. It matches words, not
/// meanings, so it is a lexical retriever in vector form; it pairs with full-text search in hybrid retrieval.
/// </summary>
public sealed class HashingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "chatsphere-hash-v1";
    public const string ProviderName = "chatsphere-offline";
    public const int DefaultDimensions = 384;
    public const int MinDimensions = 32;
    public const int MaxDimensions = 4096;

    private readonly int _dimensions;
    private readonly HashingVectorizer _vectorizer;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public HashingEmbeddingGenerator(int dimensions = DefaultDimensions)
        : this(dimensions, HashingFeatureWeights.Default)
    {
    }

    // Not a primary constructor: the benchmark's weights are internal and the public one must not expose them.
    internal HashingEmbeddingGenerator(int dimensions, HashingFeatureWeights weights)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, MinDimensions);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimensions, MaxDimensions);
        _dimensions = dimensions;
        _vectorizer = new HashingVectorizer(weights);
        _metadata = new EmbeddingGeneratorMetadata(ProviderName, defaultModelId: ModelId, defaultModelDimensions: dimensions);
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var dimensions = options?.Dimensions ?? _dimensions;
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, MinDimensions, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimensions, MaxDimensions, nameof(options));
        var language = LanguageOption.Of(options);

        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return Task.FromCanceled<GeneratedEmbeddings<Embedding<float>>>(cancellationToken);
            }

            embeddings.Add(new Embedding<float>(_vectorizer.Vectorize(value ?? "", language, dimensions)) { ModelId = ModelId });
        }

        return Task.FromResult(embeddings);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        GeneratorServices.Get(this, _metadata, serviceType, serviceKey);

    public void Dispose()
    {
    }
}
