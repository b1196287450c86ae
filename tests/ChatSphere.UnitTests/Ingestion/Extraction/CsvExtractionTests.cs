using System.Text;
using ChatSphere.Core.Ingestion.Extraction;

namespace ChatSphere.UnitTests.Ingestion.Extraction;

public sealed class CsvExtractionTests
{
    private readonly DocumentExtractor _extractor = new();

    [Fact]
    public void Each_row_becomes_header_value_pairs_with_quotes_commas_and_newlines_handled()
    {
        var blocks = Extract(
            "Product,Price,Notes\r\n" +
            "\"Chair, oak\",120,\"Says \"\"sturdy\"\"\"\r\n" +
            "\r\n" +
            "Lamp,35,\"Two\nlines\"\r\n" +
            "Desk,,\r\n");

        Assert.Equal(
            ["Product: Chair, oak; Price: 120; Notes: Says \"sturdy\"", "Product: Lamp; Price: 35; Notes: Two lines", "Product: Desk"],
            blocks);
    }

    [Fact]
    public void A_semicolon_delimiter_is_detected_from_the_header() =>
        Assert.Equal(["Name: Müller; Amount: 1,50"], Extract("Name;Amount\nMüller;1,50\n"));

    [Fact]
    public void A_tab_delimiter_is_detected_from_the_header() =>
        Assert.Equal(["a: 1; b: x, y"], Extract("a\tb\n1\tx, y\n"));

    [Fact]
    public void Extra_cells_get_numbered_column_names() =>
        Assert.Equal(["a: 1; Column 2: 2"], Extract("a\n1,2\n"));

    private List<string> Extract(string csv) =>
        _extractor.Extract(DocumentKind.Csv, Encoding.UTF8.GetBytes(csv), CancellationToken.None).Blocks.Select(b => b.Text).ToList();
}
