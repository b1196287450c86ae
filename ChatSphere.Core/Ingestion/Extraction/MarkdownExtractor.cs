namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>
/// Markdown, by a small line-based reader: headings (ATX and setext) build the heading path; paragraphs, list items,
/// quotes, fenced code and table rows become blocks. The title is front matter's <c>title:</c>, else the first H1.
/// </summary>
internal sealed class MarkdownExtractor
{
    public ExtractedDocument Extract(byte[] bytes, BlockCollector blocks)
    {
        var lines = TextDecoder.Decode(bytes).ReplaceLineEndings("\n").Split('\n');
        var start = FrontMatter(lines, out var title);
        var firstHeading = new MarkdownReader(lines, start, blocks).Read();
        return blocks.ToDocument(title ?? firstHeading);
    }

    // YAML front matter: a "---" first line up to the next "---" or "..."; only its title is kept.
    private static int FrontMatter(string[] lines, out string? title)
    {
        title = null;
        if (lines.Length == 0 || lines[0].TrimEnd() != "---")
        {
            return 0;
        }

        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (line is "---" or "...")
            {
                return i + 1;
            }

            if (line.StartsWith("title:", StringComparison.OrdinalIgnoreCase))
            {
                title = line["title:".Length..].Trim().Trim('"', '\'');
            }
        }

        title = null;
        return 0;
    }
}
