using System.Runtime.InteropServices;
using ChatSphere.Core.Languages;

namespace ChatSphere.Agents.Embeddings;

/// <summary>
/// Turns text into a signed feature-hashed vector of its terms (<see cref="TextAnalyzer"/>), word pairs and the
/// character n-grams of spaced words (morphology and typos; unspaced bigrams already are n-grams), each with sublinear
/// term frequency, L2-normalised so that cosine is a dot product. Holds no mutable state, so it is thread-safe.
/// </summary>
internal sealed class HashingVectorizer(HashingFeatureWeights weights)
{
    private const ulong WordSeed = 1;
    private const ulong GramSeed = 2;
    private const ulong EmptySeed = 3;

    /// <param name="language">The text's ISO 639-1 code, or null when unknown (<see cref="TextAnalyzer.IsEnglish"/>).</param>
    public float[] Vectorize(string text, string? language, int dimensions)
    {
        var vector = new float[dimensions];
        var english = TextAnalyzer.IsEnglish(language);
        var words = TextAnalyzer.Words(text, language);
        var stems = new Dictionary<string, int>(words.Count);
        var surfaces = new Dictionary<string, int>(words.Count);
        foreach (var word in words)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(stems, word.Stem, out _)++;
            if (!word.Unspaced)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(surfaces, word.Surface, out _)++;
            }
        }

        foreach (var (stem, count) in stems)
        {
            Add(vector, FeatureHash.Of(stem, WordSeed), weights.Words * Tf(count) * Importance(stem, english));
        }

        // Off by default: at 384 dimensions word pairs add more collisions than matches (bench/TUNING.md).
        if (weights.Bigrams > 0)
        {
            AddBigrams(vector, words);
        }

        if (weights.CharGrams > 0)
        {
            foreach (var (surface, count) in surfaces)
            {
                AddCharGrams(vector, surface, weights.CharGrams * Tf(count) * Importance(surface, english));
            }
        }

        Normalise(vector);
        return vector;
    }

    private void AddBigrams(float[] vector, List<AnalyzedWord> words)
    {
        var bigrams = new Dictionary<ulong, int>(words.Count);
        for (var i = 1; i < words.Count; i++)
        {
            var pair = FeatureHash.Combine(FeatureHash.Of(words[i - 1].Stem, WordSeed), FeatureHash.Of(words[i].Stem, WordSeed));
            CollectionsMarshal.GetValueRefOrAddDefault(bigrams, pair, out _)++;
        }

        foreach (var (pair, count) in bigrams)
        {
            Add(vector, pair, weights.Bigrams * Tf(count));
        }
    }

    private static float Tf(int count) => 1f + MathF.Log(count);

    // Without corpus statistics, rarity is guessed: very short words and (in English) very common ones say less. A
    // bigram of an unspaced script is two characters by construction, so its length says nothing.
    private float Importance(string term, bool english)
    {
        if (term.Length <= 2 && !char.IsDigit(term[0]) && !TextTokens.HasUnspacedScript(term))
        {
            return weights.ShortWords;
        }

        return english && CommonWords.Stems.Contains(term) ? weights.CommonWords : 1f;
    }

    private void AddCharGrams(float[] vector, string surface, float weight)
    {
        Span<char> padded = stackalloc char[surface.Length + 2];
        padded[0] = '<';
        surface.CopyTo(padded[1..]);
        padded[^1] = '>';

        var grams = 0;
        for (var n = weights.MinGram; n <= weights.MaxGram; n++)
        {
            grams += Math.Max(0, padded.Length - n + 1);
        }

        // Each word's n-grams together weigh as much as one feature, however long the word.
        var each = weight / MathF.Sqrt(Math.Max(grams, 1));
        for (var n = weights.MinGram; n <= weights.MaxGram; n++)
        {
            for (var start = 0; start + n <= padded.Length; start++)
            {
                Add(vector, FeatureHash.Of(padded.Slice(start, n), GramSeed), each);
            }
        }
    }

    private static void Add(float[] vector, ulong hash, float weight)
    {
        var index = (int)(((hash >> 32) * (ulong)vector.Length) >> 32);
        vector[index] += (hash & 1) == 0 ? weight : -weight;
    }

    private static void Normalise(float[] vector)
    {
        var sum = 0.0;
        foreach (var value in vector)
        {
            sum += value * value;
        }

        if (sum == 0)
        {
            // Text with no content words still gets a unit vector: a zero one has no cosine (NaN in pgvector).
            Add(vector, FeatureHash.Of("", EmptySeed), 1f);
            return;
        }

        var scale = (float)(1 / Math.Sqrt(sum));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }
    }
}
