using ChatSphere.Agents.Embeddings;
using ChatSphere.Core.Languages;

namespace ChatSphere.Bench;

/// <summary>One configuration of the offline embedder under test.</summary>
internal sealed record EmbedderVariant(string Name, int Dimensions, HashingFeatureWeights Weights)
{
    public static readonly EmbedderVariant Default = new("hash-384", 384, HashingFeatureWeights.Default);

    public static IReadOnlyList<EmbedderVariant> Sweep { get; } =
    [
        Default,
        new("first draft: bigrams 0.5, char 3-5-grams 0.3", 384, new HashingFeatureWeights(Bigrams: 0.5f, CharGrams: 0.3f, MinGram: 3)),
        new("words only", 384, new HashingFeatureWeights(CharGrams: 0)),
        new("words + bigrams 0.5", 384, new HashingFeatureWeights(Bigrams: 0.5f, CharGrams: 0)),
        new("char n-grams 0.5", 384, new HashingFeatureWeights(CharGrams: 0.5f)),
        new("char n-grams 2.0", 384, new HashingFeatureWeights(CharGrams: 2f)),
        new("char 3-5-grams", 384, new HashingFeatureWeights(MinGram: 3)),
        new("bigrams 0.15", 384, new HashingFeatureWeights(Bigrams: 0.15f)),
        new("bigrams 0.5", 384, new HashingFeatureWeights(Bigrams: 0.5f)),
        new("no short/common down-weighting", 384, new HashingFeatureWeights(ShortWords: 1, CommonWords: 1)),
        new("hash-768", 768, HashingFeatureWeights.Default),
        new("hash-1536", 1536, HashingFeatureWeights.Default),
    ];

    public HashingEmbeddingGenerator Create() => new(Dimensions, Weights);

    public float[][] Embed(IEnumerable<string> texts, string? language = null) =>
        [.. Create().GenerateAsync(texts, LanguageOption.For(language)).GetAwaiter().GetResult().Select(e => e.Vector.ToArray())];
}
