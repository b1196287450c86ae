using Microsoft.ML.Tokenizers;

namespace ChatSphere.Core.Ingestion.Chunking;

/// <summary>
/// Counts tokens the way OpenAI's current models do (o200k_base). Loading the vocabulary takes a moment,
/// so there is one shared instance; it is thread-safe.
/// </summary>
public sealed class TokenCounter
{
    private static readonly Lazy<TokenCounter> _shared = new(() => new TokenCounter());

    private readonly Tokenizer _tokenizer = TiktokenTokenizer.CreateForEncoding("o200k_base");

    private TokenCounter()
    {
    }

    /// <summary>The process-wide instance, loaded on first use.</summary>
    public static TokenCounter Shared => _shared.Value;

    /// <summary>The number of tokens in <paramref name="text"/>.</summary>
    public int Count(string text) => _tokenizer.CountTokens(text);

    /// <summary>The length of the longest prefix of <paramref name="text"/> that fits in <paramref name="maxTokens"/>.</summary>
    internal int PrefixLength(string text, int maxTokens) =>
        _tokenizer.GetIndexByTokenCount(text, maxTokens, out _, out _);
}
