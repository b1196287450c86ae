using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>The visible text of a paragraph or table cell: runs, tabs and breaks; not deleted text, field codes or fallbacks.</summary>
internal static class DocxText
{
    public static string Of(OpenXmlElement element)
    {
        var text = new StringBuilder();
        Append(text, element);
        return text.ToString();
    }

    private static void Append(StringBuilder text, OpenXmlElement element)
    {
        foreach (var child in element.ChildElements)
        {
            switch (child)
            {
                case Text run:
                    text.Append(run.Text);
                    break;
                case TabChar or PositionalTab:
                    text.Append('\t');
                    break;
                case Break or CarriageReturn:
                    text.Append('\n');
                    break;
                case NoBreakHyphen:
                    text.Append('-');
                    break;
                case AlternateContentFallback:
                    // The same content as the AlternateContentChoice beside it, for older readers.
                    break;
                case Paragraph:
                    // Paragraphs inside cells and text boxes.
                    text.Append(' ');
                    Append(text, child);
                    text.Append(' ');
                    break;
                default:
                    Append(text, child);
                    break;
            }
        }
    }
}
