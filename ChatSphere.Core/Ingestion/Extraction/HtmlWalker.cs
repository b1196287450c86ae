using System.Text;
using AngleSharp.Dom;

namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>
/// Walks the DOM in order: inline text gathers into the current block, and block-level elements end it.
/// Recursion is safe: AngleSharp caps nesting depth while parsing (<c>HtmlParserOptions.MaximumDepth</c>).
/// </summary>
internal sealed class HtmlWalker(BlockCollector blocks)
{
    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "hr", "legend", "li", "main", "menu", "ol", "p",
        "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "ul",
    };

    private readonly HeadingTrail _headings = new(blocks.Limits);
    private readonly StringBuilder _inline = new();

    public void Read(IElement root)
    {
        Walk(root);
        Flush();
    }

    private void Walk(INode node)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText text)
            {
                AppendCollapsed(_inline, text.Data);
            }
            else if (child is IElement element && !HtmlNoise.IsNoise(element))
            {
                Visit(element);
            }
        }
    }

    private void Visit(IElement element)
    {
        var name = element.LocalName;
        if (name == "br")
        {
            _inline.Append('\n');
        }
        else if (name is ['h', >= '1' and <= '6'])
        {
            Flush();
            _headings.Push(name[1] - '0', InlineText(element));
        }
        else if (name == "pre")
        {
            Flush();
            blocks.Add(element.TextContent, _headings.Path, preformatted: true);
        }
        else if (name == "tr" && !IsLayoutRow(element))
        {
            Flush();
            var cells = element.Children.Where(c => c.LocalName is "td" or "th" && !HtmlNoise.IsNoise(c)).Select(InlineText);
            blocks.Add(string.Join(" | ", cells.Select(c => c.Trim()).Where(c => c.Length > 0)), _headings.Path);
        }
        else if (BlockElements.Contains(name) || name == "tr")
        {
            Flush();
            Walk(element);
            Flush();
        }
        else
        {
            Walk(element);
        }
    }

    private void Flush()
    {
        blocks.Add(_inline.ToString(), _headings.Path);
        _inline.Clear();
    }

    // Tables used for page layout hold headings or further tables; their cells are walked like divs.
    private static bool IsLayoutRow(IElement row) => row.QuerySelector("table, h1, h2, h3, h4, h5, h6") is not null;

    // The visible text of an element on one line: block boundaries inside it become spaces.
    private static string InlineText(IElement element)
    {
        var text = new StringBuilder();
        AppendInline(text, element);
        return text.ToString();
    }

    private static void AppendInline(StringBuilder text, INode node)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText fragment)
            {
                AppendCollapsed(text, fragment.Data);
            }
            else if (child is IElement element && !HtmlNoise.IsNoise(element))
            {
                var separate = element.LocalName == "br" || BlockElements.Contains(element.LocalName);
                text.Append(separate ? " " : "");
                AppendInline(text, element);
                text.Append(separate ? " " : "");
            }
        }
    }

    // Outside <pre>, HTML shows any run of whitespace (line breaks included) as one space.
    private static void AppendCollapsed(StringBuilder text, string data)
    {
        foreach (var c in data)
        {
            text.Append(char.IsWhiteSpace(c) ? ' ' : c);
        }
    }
}
