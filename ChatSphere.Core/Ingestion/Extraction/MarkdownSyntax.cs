using System.Text;
using System.Text.RegularExpressions;

namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>Recognises Markdown's line-level constructs; written by hand where a regex could backtrack on long lines.</summary>
internal static partial class MarkdownSyntax
{
    /// <summary>"## Text ##" gives (2, "Text"); at most three spaces of indent and six #s, then a space or the end.</summary>
    public static (int Level, string Text)? AtxHeading(string line)
    {
        var trimmed = line.TrimStart(' ');
        var level = trimmed.TakeWhile(c => c == '#').Count();
        if (line.Length - trimmed.Length > 3 || level is < 1 or > 6 ||
            (trimmed.Length > level && trimmed[level] is not (' ' or '\t')))
        {
            return null;
        }

        var text = trimmed[level..].Trim();
        var closing = text.TrimEnd('#');
        // A closing run of #s counts only after a space ("C#" keeps its #).
        if (closing.Length == 0 || closing.EndsWith(' ') || closing.EndsWith('\t'))
        {
            text = closing.TrimEnd();
        }

        return (level, text);
    }

    /// <summary>1 for "===", 2 for "---" (under a paragraph line, these make it a heading).</summary>
    public static int? SetextLevel(string line)
    {
        var trimmed = line.Trim();
        if (line.Length - line.TrimStart(' ').Length > 3 || trimmed.Length == 0)
        {
            return null;
        }

        return trimmed.All(c => c == '=') ? 1 : trimmed.All(c => c == '-') ? 2 : null;
    }

    public static bool IsThematicBreak(string line)
    {
        var marks = line.Where(c => c is not (' ' or '\t')).ToList();
        return line.Length - line.TrimStart(' ').Length <= 3 && marks.Count >= 3 &&
            marks[0] is '-' or '*' or '_' && marks.All(c => c == marks[0]);
    }

    /// <summary>"|---|:--:|" and "--- | ---": only pipes, dashes, colons and spaces, with at least one pipe and dash.</summary>
    public static bool IsTableSeparator(string line) =>
        line.Contains('|') && line.Contains('-') && line.All(c => c is '|' or '-' or ':' or ' ' or '\t');

    /// <summary>The row's cells, without inline markup, joined by " | " (escaped "\|" stays inside its cell).</summary>
    public static string TableRow(string line)
    {
        var cells = UnescapedPipe().Split(line.Trim()).Select(c => MarkdownInline.Strip(c.Replace(@"\|", "|")).Trim()).ToList();
        return string.Join(" | ", cells.Where(c => c.Length > 0));
    }

    // Soft line breaks are spaces; a hard break (two trailing spaces or a backslash) stays a line break.
    public static string JoinLines(List<string> pending)
    {
        var text = new StringBuilder();
        for (var i = 0; i < pending.Count; i++)
        {
            var line = pending[i];
            var hardBreak = line.EndsWith("  ", StringComparison.Ordinal) || line.EndsWith('\\');
            text.Append(line.TrimEnd().TrimEnd('\\'));
            if (i < pending.Count - 1)
            {
                text.Append(hardBreak ? '\n' : ' ');
            }
        }

        return text.ToString();
    }

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex UnescapedPipe();

    [GeneratedRegex(@"^ {0,3}\[[^\]]+\]:[ \t]*\S+")]
    public static partial Regex LinkDefinition();

    [GeneratedRegex(@"^ {0,3}(?:>[ ]?)+(.*)$")]
    public static partial Regex Quote();

    [GeneratedRegex(@"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+(?:\[[ xX]\][ \t]+)?(.*))?$")]
    public static partial Regex ListItem();
}
