namespace ChatSphere.Agents.Embeddings;

/// <summary>How much each kind of feature counts in the offline embedding; the defaults won the SQuAD benchmark.</summary>
internal sealed record HashingFeatureWeights(
    float Words = 1f,
    float Bigrams = 0f,
    float CharGrams = 1f,
    int MinGram = 4,
    int MaxGram = 5,
    float ShortWords = 0.5f,
    float CommonWords = 0.6f)
{
    public static HashingFeatureWeights Default { get; } = new();
}
