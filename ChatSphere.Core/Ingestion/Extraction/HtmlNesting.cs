namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>
/// Estimates how deep unclosed elements nest, in one pass over the markup. AngleSharp's tree builder scans its stack
/// of open elements for many start tags, so thousands of unclosed &lt;div&gt;s in 1 MB take minutes to parse.
/// </summary>
internal static class HtmlNesting
{
    // Never nest (void) or are closed by their siblings and parents (optional end tags), so they are not counted.
    private static readonly HashSet<string> Uncounted = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "html", "head", "body", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup",
        "caption", "option", "optgroup", "rb", "rt", "rp", "rtc",
    };

    public static int MaxDepth(string html)
    {
        int depth = 0, max = 0;
        for (var i = html.IndexOf('<'); i >= 0 && i < html.Length - 1; i = html.IndexOf('<', i + 1))
        {
            if (html.AsSpan(i).StartsWith("<!--"))
            {
                i = SkipPast(html, i, "-->");
                continue;
            }

            var closing = html[i + 1] == '/';
            var start = closing ? i + 2 : i + 1;
            var end = start;
            while (end < html.Length && char.IsAsciiLetterOrDigit(html[end]))
            {
                end++;
            }

            if (end == start || !char.IsAsciiLetter(html[start]))
            {
                continue;
            }

            var name = html[start..end];
            if (!closing && name.ToLowerInvariant() is "script" or "style" or "textarea" or "title")
            {
                // Raw text: "<div>" inside a script is not markup.
                i = SkipPast(html, end, $"</{name}");
            }
            else if (!Uncounted.Contains(name))
            {
                depth = closing ? Math.Max(0, depth - 1) : depth + 1;
                max = Math.Max(max, depth);
            }
        }

        return max;
    }

    private static int SkipPast(string html, int from, string marker)
    {
        var at = html.IndexOf(marker, from, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? html.Length : at + marker.Length - 1;
    }
}
