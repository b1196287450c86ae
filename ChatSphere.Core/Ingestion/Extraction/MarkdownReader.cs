using System.Text;

namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>Walks Markdown lines once, collecting blocks under their headings; returns the first H1 for the title.</summary>
internal sealed class MarkdownReader(string[] lines, int start, BlockCollector blocks)
{
    private enum Kind
    {
        Paragraph,
        ListItem,
        Quote,
    }

    private readonly HeadingTrail _headings = new(blocks.Limits);
    private readonly List<string> _pending = [];
    private Kind _kind = Kind.Paragraph;
    private string? _firstH1;
    private int _i = start;

    public string? Read()
    {
        while (_i < lines.Length)
        {
            var line = lines[_i];
            if (string.IsNullOrWhiteSpace(line))
            {
                Flush();
                _i++;
            }
            else if (!TryFence(line) && !TryAtxHeading(line) && !TrySetextHeading(line) && !TryTable(line) && !TryOther(line))
            {
                // Continuation of a paragraph, list item or (lazily) a quote.
                _pending.Add(line.TrimStart());
                _i++;
            }
        }

        Flush();
        return _firstH1;
    }

    private bool TryFence(string line)
    {
        var trimmed = line.TrimStart(' ');
        var marker = trimmed.Length > 0 ? trimmed[0] : ' ';
        var length = trimmed.TakeWhile(c => c == marker).Count();
        // "```code```" on one line is inline code, not a fence.
        if (line.Length - trimmed.Length > 3 || marker is not ('`' or '~') || length < 3 ||
            (marker == '`' && trimmed[length..].Contains('`')))
        {
            return false;
        }

        Flush();
        var code = new StringBuilder();
        for (_i++; _i < lines.Length; _i++)
        {
            var closing = lines[_i].Trim();
            if (closing.Length >= length && closing.All(c => c == marker))
            {
                _i++;
                break;
            }

            code.Append(lines[_i]).Append('\n');
        }

        blocks.Add(code.ToString(), _headings.Path, preformatted: true);
        return true;
    }

    private bool TryAtxHeading(string line)
    {
        if (MarkdownSyntax.AtxHeading(line) is not var (level, text))
        {
            return false;
        }

        Flush();
        Heading(level, text);
        _i++;
        return true;
    }

    // "Title\n=====" or "Title\n-----": the paragraph just read was a heading.
    private bool TrySetextHeading(string line)
    {
        if (_pending.Count == 0 || _kind != Kind.Paragraph || MarkdownSyntax.SetextLevel(line) is not { } level)
        {
            return false;
        }

        var text = string.Join(' ', _pending.Select(l => l.Trim()));
        _pending.Clear();
        Heading(level, text);
        _i++;
        return true;
    }

    private bool TryTable(string line)
    {
        if (!line.Contains('|') || _i + 1 >= lines.Length || !MarkdownSyntax.IsTableSeparator(lines[_i + 1]))
        {
            return false;
        }

        Flush();
        blocks.Add(MarkdownSyntax.TableRow(line), _headings.Path);
        for (_i += 2; _i < lines.Length && lines[_i].Contains('|') && !string.IsNullOrWhiteSpace(lines[_i]); _i++)
        {
            blocks.Add(MarkdownSyntax.TableRow(lines[_i]), _headings.Path);
        }

        return true;
    }

    // Thematic breaks, comments, link definitions, quotes and list items.
    private bool TryOther(string line)
    {
        if (MarkdownSyntax.IsThematicBreak(line) || MarkdownSyntax.LinkDefinition().IsMatch(line))
        {
            Flush();
            _i++;
            return true;
        }

        if (line.TrimStart().StartsWith("<!--", StringComparison.Ordinal))
        {
            Flush();
            while (_i < lines.Length && !lines[_i].Contains("-->", StringComparison.Ordinal))
            {
                _i++;
            }

            _i++;
            return true;
        }

        if (MarkdownSyntax.Quote().Match(line) is { Success: true } quote)
        {
            var content = quote.Groups[1].Value;
            // A bare ">" separates paragraphs of one quote.
            if (_kind != Kind.Quote || string.IsNullOrWhiteSpace(content))
            {
                Flush();
                _kind = Kind.Quote;
            }

            var item = MarkdownSyntax.ListItem().Match(content);
            _pending.Add(item.Success ? item.Groups[1].Value : content.TrimStart('#', ' '));
            _i++;
            return true;
        }

        if (MarkdownSyntax.ListItem().Match(line) is { Success: true } listItem)
        {
            Flush();
            _kind = Kind.ListItem;
            _pending.Add(listItem.Groups[1].Value);
            _i++;
            return true;
        }

        return false;
    }

    private void Heading(int level, string text)
    {
        var plain = MarkdownInline.Strip(text);
        if (level == 1)
        {
            _firstH1 ??= plain;
        }

        _headings.Push(level, plain);
    }

    private void Flush()
    {
        if (_pending.Count > 0)
        {
            blocks.Add(MarkdownInline.Strip(MarkdownSyntax.JoinLines(_pending)), _headings.Path);
            _pending.Clear();
        }

        _kind = Kind.Paragraph;
    }
}
