using System.Globalization;
using System.Text;

namespace ChatSphere.Core.Languages;

/// <summary>
/// Cuts text in any script into search tokens, the same way for documents and queries: words of letters with their
/// combining marks and digits (compatibility forms folded, lower case, optional accents dropped), and for scripts
/// written without spaces (<see cref="Scripts.IsUnspaced"/>) overlapping character bigrams. Used by the full-text index
/// (through <see cref="Segment"/>), the offline embedder and the offline answerer, so all three see the same tokens.
/// </summary>
public static class TextTokens
{
    /// <summary>Longer words are cut here: no real word is longer, and a run of letters in a data file costs nothing more.</summary>
    public const int MaxWordLength = 40;

    /// <summary>The tokens of <paramref name="text"/>, in reading order, repeats kept.</summary>
    public static List<TextToken> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<TextToken>();
        var normalized = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var word = new StringBuilder();
        var units = new List<string>(); // an unspaced run: each base character with its marks
        Rune? previousBase = null;
        foreach (var rune in normalized.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var isMark = category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
            // Tatweel only stretches Arabic words: neither a letter nor a boundary.
            if (rune.Value == 0x0640)
            {
                continue;
            }

            if (isMark && previousBase is { } owner)
            {
                // A mark belongs to the character before it: kept with it, or dropped where readers omit it.
                if (Scripts.IsUnspaced(owner))
                {
                    units[^1] += rune.ToString();
                }
                else if (!(category == UnicodeCategory.NonSpacingMark && Scripts.HasOptionalMarks(owner)))
                {
                    Append(word, rune);
                }

                continue;
            }

            if (Scripts.IsUnspaced(rune) && Rune.IsLetter(rune))
            {
                Flush(word, tokens);
                units.Add(rune.ToString());
                previousBase = rune;
                continue;
            }

            FlushUnits(units, tokens);
            if (Rune.IsLetterOrDigit(rune))
            {
                // Letters that also come decomposed (é as e + accent) are split so the accent can be dropped.
                AppendFolded(word, rune);
                previousBase = rune;
                continue;
            }

            Flush(word, tokens);
            previousBase = null;
        }

        Flush(word, tokens);
        FlushUnits(units, tokens);
        return tokens;
    }

    /// <summary>
    /// The text PostgreSQL indexes in place of <paramref name="text"/> when it holds an unspaced script: its tokens
    /// joined by spaces, so the database's parser sees words it can match. Null when the text needs no segmenting.
    /// </summary>
    public static string? Segment(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return HasUnspacedScript(text) ? string.Join(' ', Tokenize(text).Select(t => t.Text)) : null;
    }

    /// <summary>Whether <paramref name="text"/> has a letter of a script written without spaces.</summary>
    public static bool HasUnspacedScript(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value >= 0x0E00 && Scripts.IsUnspaced(rune) && Rune.IsLetter(rune))
            {
                return true;
            }
        }

        return false;
    }

    private static void AppendFolded(StringBuilder word, Rune rune)
    {
        if (rune.Value < 0x80 || !Scripts.HasOptionalMarks(rune))
        {
            Append(word, rune);
            return;
        }

        var decomposed = rune.ToString().Normalize(NormalizationForm.FormD);
        foreach (var part in decomposed.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
            {
                Append(word, Scripts.FoldLetter(part));
            }
        }
    }

    private static void Append(StringBuilder word, Rune rune)
    {
        if (word.Length < MaxWordLength)
        {
            var lower = Rune.ToLowerInvariant(rune);
            Span<char> buffer = stackalloc char[2];
            word.Append(buffer[..lower.EncodeToUtf16(buffer)]);
        }
    }

    private static void Flush(StringBuilder word, List<TextToken> tokens)
    {
        if (word.Length > 0)
        {
            tokens.Add(new TextToken(word.ToString(), Unspaced: false));
            word.Clear();
        }
    }

    // A lone character is its own token; otherwise every pair of neighbours, as the BM25 baseline for Chinese does.
    private static void FlushUnits(List<string> units, List<TextToken> tokens)
    {
        if (units.Count == 1)
        {
            tokens.Add(new TextToken(units[0], Unspaced: true));
        }

        for (var i = 1; i < units.Count; i++)
        {
            tokens.Add(new TextToken(units[i - 1] + units[i], Unspaced: true));
        }

        units.Clear();
    }
}
