using System.Text;

namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>Joins a paragraph's lines with spaces, mending words hyphenated across a line break ("exam-" + "ple").</summary>
internal static class PdfLines
{
    public static string Join(IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (text.Length == 0)
            {
                text.Append(line);
            }
            else if (EndsWithBrokenWord(text) && char.IsLower(line[0]))
            {
                text.Length--;
                text.Append(line);
            }
            else
            {
                text.Append(' ').Append(line);
            }
        }

        return text.ToString();
    }

    // A letter then a hyphen (or soft hyphen) at the end of the line.
    private static bool EndsWithBrokenWord(StringBuilder text) =>
        text.Length >= 2 && text[^1] is '-' or '\u00AD' && char.IsLetter(text[^2]);
}
