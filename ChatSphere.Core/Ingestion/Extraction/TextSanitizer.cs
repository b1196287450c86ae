using System.Text;

namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>
/// Makes extracted text safe to store and pleasant to chunk: PostgreSQL rejects NUL in text (error 22021) and
/// PDFs and binary-ish files carry control characters, lone surrogates and stray whitespace.
/// </summary>
public static class TextSanitizer
{
    /// <summary>
    /// Drops control characters (except tab and line breaks), lone surrogates, U+FFFE/U+FFFF, BOMs and soft hyphens;
    /// normalises line breaks to \n; collapses spaces and tabs within lines; trims lines; keeps at most one blank line.
    /// </summary>
    public static string Clean(string text) => Clean(text, preformatted: false);

    /// <summary>As <see cref="Clean(string)"/>, but keeps indentation and inner spacing (code, preformatted text).</summary>
    public static string CleanPreformatted(string text) => Clean(text, preformatted: true);

    private static string Clean(string text, bool preformatted)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new StringBuilder(text.Length);
        var whitespace = new StringBuilder();
        var lineHasText = false;
        var lineBreaks = 0;

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                continue;
            }

            if (c is '\n' or '\r' or '\v' or '\f' or '\u0085' or '\u2028' or '\u2029')
            {
                // Whitespace at the end of a line is dropped; blank lines are counted, not written.
                lineBreaks = lineHasText ? 1 : lineBreaks + 1;
                lineHasText = false;
                whitespace.Clear();
                continue;
            }

            if (c == '\t' || char.IsWhiteSpace(c))
            {
                if (preformatted || lineHasText)
                {
                    whitespace.Append(preformatted && c == '\t' ? '\t' : ' ');
                }

                continue;
            }

            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    StartText(output, whitespace, ref lineHasText, ref lineBreaks, preformatted);
                    output.Append(c).Append(text[i + 1]);
                    i++;
                }

                continue;
            }

            if (char.IsControl(c) || c is '\uFFFE' or '\uFFFF' or '\uFEFF' or '\u00AD')
            {
                continue;
            }

            StartText(output, whitespace, ref lineHasText, ref lineBreaks, preformatted);
            output.Append(c);
        }

        return output.ToString();
    }

    // Writes what the pending line breaks and whitespace amount to, just before a visible character.
    private static void StartText(StringBuilder output, StringBuilder whitespace, ref bool lineHasText, ref int lineBreaks, bool preformatted)
    {
        if (!lineHasText && output.Length > 0)
        {
            output.Append(lineBreaks > 1 ? "\n\n" : "\n");
        }

        if (whitespace.Length > 0)
        {
            output.Append(preformatted ? whitespace.ToString() : " ");
            whitespace.Clear();
        }

        lineHasText = true;
        lineBreaks = 0;
    }
}
