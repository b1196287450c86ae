using System.Collections.Frozen;

namespace ChatSphere.Core.Ingestion.Chunking;

/// <summary>
/// Splits running text into sentences: a '.', '!' or '?' (with any closing quotes or brackets) followed by
/// a space and a capital, digit or opening quote, unless the word before the dot is an abbreviation or an initial.
/// </summary>
// Public so that the offline answerer in Agents quotes the same sentences the chunker cuts on.
public static class SentenceSplitter
{
    // Lower case, without the final dot; dotted ones (e.g., U.S.) are caught by their inner dot.
    private static readonly FrozenSet<string> _abbreviations = FrozenSet.ToFrozenSet(
    [
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "vs", "etc", "inc", "ltd", "co", "corp",
        "no", "nos", "fig", "figs", "vol", "pp", "approx", "dept", "est", "gen", "gov", "lt", "col", "sgt", "capt",
        "rev", "hon", "ave", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]);

    /// <summary>The sentences of <paramref name="text"/>, in order, each with its closing punctuation.</summary>
    public static List<string> Split(string text)
    {
        var sentences = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('.' or '!' or '?'))
            {
                continue;
            }

            var end = i + 1;
            while (end < text.Length && IsCloser(text[end]))
            {
                end++;
            }

            var next = end;
            while (next < text.Length && char.IsWhiteSpace(text[next]))
            {
                next++;
            }

            if (next == end || next == text.Length || !OpensSentence(text[next]))
            {
                i = end - 1;
                continue;
            }

            if (text[i] == '.' && IsAbbreviation(text, start, i))
            {
                continue;
            }

            sentences.Add(text[start..end]);
            start = next;
            i = next - 1;
        }

        var tail = text[start..].Trim();
        if (tail.Length > 0)
        {
            sentences.Add(tail);
        }

        return sentences;
    }

    private static bool IsCloser(char c) => c is '.' or '!' or '?' or '"' or '\'' or ')' or ']' or '\u201D' or '\u2019' or '\u00BB' or '\u2026';

    private static bool OpensSentence(char c) =>
        char.IsUpper(c) || char.IsDigit(c) || c is '"' or '\'' or '(' or '[' or '\u201C' or '\u2018' or '\u00AB';

    private static bool IsAbbreviation(string text, int start, int dot)
    {
        var wordStart = dot;
        while (wordStart > start && !char.IsWhiteSpace(text[wordStart - 1]))
        {
            wordStart--;
        }

        var word = text.AsSpan(wordStart, dot - wordStart).TrimStart("(\"'\u201C\u2018[");
        if (word.Length == 1 && char.IsLetter(word[0]))
        {
            return true; // an initial, as in "J. R. R. Tolkien"
        }

        return IsDotted(word) || _abbreviations.Contains(word.ToString().ToLowerInvariant());
    }

    // "U.S", "e.g", "Ph.D": short letter runs joined by dots (not "3.5", not "example.com").
    private static bool IsDotted(ReadOnlySpan<char> word)
    {
        if (!word.Contains('.'))
        {
            return false;
        }

        var run = 0;
        foreach (var c in word)
        {
            run = c == '.' ? 0 : run + 1;
            if ((c != '.' && !char.IsLetter(c)) || run > 3)
            {
                return false;
            }
        }

        return true;
    }
}
