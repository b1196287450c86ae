using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>Reads a Word body in order: heading paragraphs set the path, other paragraphs and table rows become blocks.</summary>
internal sealed class DocxBodyReader(DocxStyles styles, BlockCollector blocks)
{
    // Content controls and custom XML nest; nothing real nests this deep.
    private const int MaxDepth = 64;

    private readonly HeadingTrail _headings = new(blocks.Limits);

    /// <summary>The first paragraph in the Title style, a fallback for the document's title.</summary>
    public string? TitleParagraph { get; private set; }

    public void Read(OpenXmlElement container, int depth = 0)
    {
        foreach (var child in container.ChildElements)
        {
            switch (child)
            {
                case Paragraph paragraph:
                    Read(paragraph);
                    break;
                case Table table:
                    Read(table);
                    break;
                case SectionProperties:
                    break;
                default:
                    if (child.HasChildren && depth < MaxDepth)
                    {
                        Read(child, depth + 1);
                    }

                    break;
            }
        }
    }

    private void Read(Paragraph paragraph)
    {
        var text = DocxText.Of(paragraph);
        if (styles.HeadingLevel(paragraph) is not { } level)
        {
            // List items are paragraphs too (numbering lives in their properties), so each is its own block.
            blocks.Add(text, _headings.Path);
            return;
        }

        if (level == 0 && !string.IsNullOrWhiteSpace(text))
        {
            TitleParagraph ??= text;
        }

        _headings.Push(level, text);
    }

    private void Read(Table table)
    {
        // Rows of nested tables are read as text of their cell, not as rows of this table.
        foreach (var row in table.Descendants<TableRow>().Where(r => r.Ancestors<Table>().First() == table))
        {
            var cells = row.Descendants<TableCell>().Where(c => c.Ancestors<TableRow>().First() == row).Select(c => TextSanitizer.Clean(DocxText.Of(c)).ReplaceLineEndings(" "));
            blocks.Add(string.Join(" | ", cells.Where(c => c.Length > 0)), _headings.Path);
        }
    }
}
