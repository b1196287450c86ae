using System.Collections.Frozen;
using System.Globalization;

namespace ChatSphere.Core.Ingestion.Chunking;

/// <summary>
/// Splits running text into sentences: a '.', '!' or '?' (with any closing quotes or brackets) followed by
/// a space and a capital, a letter of a script without case, a digit or an opening quote, unless the word before the
/// dot is an abbreviation or an initial; the full stops of other scripts (。！？ । ؟ ...) with or without a space after
/// them; and a space between two Thai or Lao letters, which is how those scripts end a sentence.
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
            // Other scripts' full stops and Thai spacing end a sentence whatever follows; Latin ones need more (below).
            var final = IsFinalStop(text[i]) || IsSpacedBoundary(text, i);
            if (!final && text[i] is not ('.' or '!' or '?'))
            {
                continue;
            }

            var end = i + 1;
            while (end < text.Length && (IsCloser(text[end]) || (final && IsFinalStop(text[end]))))
            {
                end++;
            }

            var next = end;
            while (next < text.Length && char.IsWhiteSpace(text[next]))
            {
                next++;
            }

            if (final)
            {
                if (next < text.Length)
                {
                    sentences.Add(text[start..end].TrimEnd());
                    start = next;
                }

                i = next - 1;
                continue;
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

    // Marks that end a sentence whatever follows: CJK full stops (full and half width), Devanagari danda and double
    // danda, the Arabic question mark and the Urdu full stop, and the full stops of Armenian, Ethiopic, Myanmar, Khmer
    // and Tibetan.
    private static bool IsFinalStop(char c) => c is '\u3002' or '\uFF01' or '\uFF1F' or '\uFF61' or '\u0964' or '\u0965'
        or '\u061F' or '\u06D4' or '\u0589' or '\u1362' or '\u104B' or '\u17D4' or '\u0F0D';

    // Thai and Lao put no space between words but one between sentences: a space between two of their letters ends one.
    private static bool IsSpacedBoundary(string text, int i) =>
        char.IsWhiteSpace(text[i]) && i > 0 && IsThaiOrLao(text[i - 1]) && i + 1 < text.Length && IsThaiOrLao(text[i + 1]);

    private static bool IsThaiOrLao(char c) => c is >= '\u0E00' and <= '\u0EFF';

    private static bool IsCloser(char c) => c is '.' or '!' or '?' or '"' or '\'' or ')' or ']' or '\u201D' or '\u2019' or '\u00BB' or '\u2026'
        or '\u300D' or '\u300F' or '\uFF09' or '\u300B' or '\u3011';

    private static bool OpensSentence(char c) =>
        char.IsUpper(c) || char.IsDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherLetter || c is '"' or '\'' or '(' or '[' or '\u201C' or '\u2018' or '\u00AB';

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
