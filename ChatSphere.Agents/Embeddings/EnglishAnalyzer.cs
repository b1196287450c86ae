using System.Globalization;
using System.Text;

namespace ChatSphere.Agents.Embeddings;

/// <summary>
/// The words the offline embedder sees: Unicode-folded, lower case, stop words dropped, Porter-stemmed.
/// Public so that lexical scoring (and its benchmark) can use exactly the same terms.
/// </summary>
public static class EnglishAnalyzer
{
    private const int MaxWordLength = 40;

    /// <summary>The stems of the content words of <paramref name="text"/>, in order, repeats kept.</summary>
    public static IReadOnlyList<string> Terms(string text) => Words(text).Select(w => w.Stem).ToList();

    internal static List<AnalyzedWord> Words(string text)
    {
        var words = new List<AnalyzedWord>();
        var folded = Fold(text);
        var stemmer = new PorterStemmer();
        Span<char> word = stackalloc char[MaxWordLength];
        var length = 0;
        for (var i = 0; i <= folded.Length; i++)
        {
            if (i < folded.Length && char.IsLetterOrDigit(folded[i]))
            {
                if (length < MaxWordLength)
                {
                    word[length++] = char.ToLowerInvariant(folded[i]);
                }

                continue;
            }

            if (length > 0)
            {
                var surface = word[..length].ToString();
                if (!StopWords.All.Contains(surface))
                {
                    words.Add(new AnalyzedWord(surface, IsAsciiLetters(surface) ? stemmer.Stem(surface) : surface));
                }

                length = 0;
            }
        }

        return words;
    }

    // Compatibility forms to plain ones and accents dropped, so "café", "cafe" and "ｃａｆｅ" agree.
    private static string Fold(string text)
    {
        if (Ascii.IsValid(text))
        {
            return text;
        }

        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }

        return folded.ToString();
    }

    private static bool IsAsciiLetters(string word)
    {
        foreach (var c in word)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }

        return true;
    }
}
