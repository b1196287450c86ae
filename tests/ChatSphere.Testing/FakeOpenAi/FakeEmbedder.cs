using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ChatSphere.Testing.FakeOpenAi;

/// <summary>
/// Deterministic, L2-normalised vectors: each word gets a fixed pseudo-random direction and a text is the sum of its
/// words, so texts that share words are close and retrieval tests rank sensibly. The first k of n dimensions are the
/// k-dimension vector before normalising, the same truncation OpenAI applies for <c>dimensions</c>.
/// </summary>
internal static partial class FakeEmbedder
{
    public static float[] Embed(string text, int dimensions)
    {
        var sum = new double[dimensions];
        var words = Words().Matches(text.ToLowerInvariant()).Select(m => m.Value).DefaultIfEmpty(text);
        foreach (var word in words)
        {
            AddDirection(sum, word);
        }

        var length = Math.Sqrt(sum.Sum(v => v * v));
        return [.. sum.Select(v => (float)(v / length))];
    }

    private static void AddDirection(double[] sum, string word)
    {
        // Seeded from SHA-256, not string.GetHashCode, so vectors are the same in every process and on every machine.
        var state = BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(word)));
        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] += NextUniform(ref state) * 2 - 1;
        }
    }

    // SplitMix64.
    private static double NextUniform(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Words();
}
