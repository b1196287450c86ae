using System.Text.RegularExpressions;

namespace ChatSphere.Testing.FakeOpenAi;

/// <summary>Splits text into stream tokens the way OpenAI's look: each word with the whitespace before it.</summary>
internal static partial class WordPieces
{
    /// <summary>The pieces concatenate back to exactly <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> Split(string text) => [.. Pieces().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\s*\S+|\s+$")]
    private static partial Regex Pieces();
}
