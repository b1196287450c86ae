using System.Globalization;
using System.Text.RegularExpressions;
using ChatSphere.Core.Ingestion;
using ChatSphere.Core.Ingestion.Chunking;
using ChatSphere.Core.Languages;

namespace ChatSphere.Agents.Answering;

/// <summary>
/// What of a passage may be quoted as an answer: its sentences and its table rows read as text, never a heading, a
/// title or a table's header row, which repeat the question's words without answering it.
/// </summary>
internal static partial class QuotableText
{
    private const int MaxTitleWords = 8;
    private const int MaxTitleCharacters = 20; // for scripts written without spaces

    /// <summary>The quotable sentences of <paramref name="source"/>, in reading order.</summary>
    public static List<string> Of(AnswerSource source)
    {
        var titles = source.HeadingPath.Split(HeadingPaths.Separator).Append(source.DocumentName)
            .Select(Comparable).Where(t => t.Length > 0).ToHashSet(StringComparer.Ordinal);
        var lines = source.Text.Split('\n').Select(l => l.Trim()).ToList();
        var quotable = new List<string>();
        var paragraph = new List<string>();
        for (var i = 0; i < lines.Count;)
        {
            if (lines[i].Length > 0 && TableRows.TryRead(lines, i, out var rows, out var next))
            {
                Flush(paragraph, quotable);
                quotable.AddRange(rows);
                i = next;
                continue;
            }

            // A blank line ends a paragraph; a heading ends one and is left out.
            if (lines[i].Length == 0 || IsHeading(lines[i], titles, lines.Skip(i + 1).FirstOrDefault(l => l.Length > 0)))
            {
                Flush(paragraph, quotable);
            }
            else
            {
                paragraph.Add(lines[i]);
            }

            i++;
        }

        Flush(paragraph, quotable);
        return quotable;
    }

    // Lines of one paragraph are joined (a PDF wraps sentences across them) and cut into sentences.
    private static void Flush(List<string> paragraph, List<string> quotable)
    {
        if (paragraph.Count > 0)
        {
            var text = Whitespace().Replace(string.Join(' ', paragraph), " ");
            quotable.AddRange(SentenceSplitter.Split(text).Select(s => s.Trim()).Where(s => s.Length > 0));
            paragraph.Clear();
        }
    }

    /// <summary>
    /// A Markdown heading, a line that repeats the document's name or a heading above the passage, or a title: a short
    /// line with no closing punctuation, no number and no "key: value" colon, which names a topic but states no fact,
    /// with a line after it that starts a sentence (a passage's last line is more often an unpunctuated fact than a
    /// heading with nothing under it, and a line followed by "3), ..." is a sentence wrapped inside "(O 3)").
    /// </summary>
    private static bool IsHeading(string line, IReadOnlySet<string> titles, string? next)
    {
        if (MarkdownHeading().IsMatch(line) || titles.Contains(Comparable(line)))
        {
            return true;
        }

        if (next is null || !(char.IsUpper(next[0]) || CharUnicodeInfo.GetUnicodeCategory(next[0]) == UnicodeCategory.OtherLetter))
        {
            return false;
        }

        var last = line.TrimEnd('"', '\'', ')', ']', '\u201D', '\u2019', '\u300D', '\u300F', '\uFF09');
        if (last.Length == 0 || char.IsPunctuation(last[^1]) || line.Any(char.IsDigit) || line.Contains(':') || line.Contains('\uFF1A'))
        {
            return false;
        }

        return TextTokens.HasUnspacedScript(line)
            ? line.Length <= MaxTitleCharacters
            : line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxTitleWords;
    }

    // Headings compare by their words: case, accents and punctuation aside.
    private static string Comparable(string text) => string.Join(' ', TextTokens.Tokenize(text).Select(t => t.Text));

    [GeneratedRegex(@"^#{1,6}\s")]
    private static partial Regex MarkdownHeading();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
