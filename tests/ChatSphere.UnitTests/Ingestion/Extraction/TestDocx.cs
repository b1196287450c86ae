using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ChatSphere.UnitTests.Ingestion.Extraction;

/// <summary>Real .docx files (a store policy, a hostile heading), written with the OpenXml SDK in memory.</summary>
internal static class TestDocx
{
    public static byte[] StorePolicy()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = "Store policy";
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = new Styles(
                HeadingStyle("Heading1", "heading 1"),
                // Localised Word: the id is translated, the built-in name is not.
                HeadingStyle("berschrift2", "heading 2"),
                HeadingStyle("Title", "Title"));

            main.Document = new Document(new Body(
                Styled("Title", "Acme Store"),
                Styled("Heading1", "Returns"),
                Plain("Items can be returned within 30 days."),
                Styled("berschrift2", "Refunds"),
                ListItem("Refunds go to the original card."),
                ListItem("Gift cards are refunded as store credit."),
                new Table(
                    Row("Item", "Refund window"),
                    Row("Shoes", "30 days")),
                Styled("Heading1", "Shipping"),
                Plain("We ship worldwide.")));
        }

        return stream.ToArray();
    }

    /// <summary>A Heading1 paragraph of <paramref name="heading"/>, then <paramref name="paragraphs"/> short paragraphs under it.</summary>
    public static byte[] UnderOneHeading(string heading, int paragraphs)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = new Styles(HeadingStyle("Heading1", "heading 1"));
            main.Document = new Document(new Body(
                Enumerable.Range(0, paragraphs).Select(i => Plain($"Paragraph {i}.")).Prepend(Styled("Heading1", heading))));
        }

        return stream.ToArray();
    }

    private static Style HeadingStyle(string id, string name) =>
        new(new StyleName { Val = name }) { Type = StyleValues.Paragraph, StyleId = id };

    private static Paragraph Styled(string styleId, string text) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = styleId }), new Run(new Text(text)));

    private static Paragraph Plain(string text) => new(new Run(new Text(text)));

    private static Paragraph ListItem(string text) =>
        new(
            new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 })),
            new Run(new Text(text)));

    private static TableRow Row(params string[] cells) =>
        new(cells.Select(c => new TableCell(Plain(c))).Cast<OpenXmlElement>());
}
