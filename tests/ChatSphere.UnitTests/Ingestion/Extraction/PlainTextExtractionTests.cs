using System.Text;
using ChatSphere.Core.Ingestion.Extraction;

namespace ChatSphere.UnitTests.Ingestion.Extraction;

public sealed class PlainTextExtractionTests
{
    private readonly DocumentExtractor _extractor = new();

    [Fact]
    public void Paragraphs_come_out_clean_of_nul_bytes_and_control_characters()
    {
        var bytes = Encoding.UTF8.GetBytes("First\0 para\u0007graph\r\nstill first.\r\n\r\n\r\n\r\n\u0001Second\u001F  paragraph.\u000B");

        var document = _extractor.Extract(DocumentKind.PlainText, [.. Encoding.UTF8.GetPreamble(), .. bytes], CancellationToken.None);

        Assert.Null(document.Title);
        Assert.Equal(["First paragraph\nstill first.", "Second paragraph."], document.Blocks.Select(b => b.Text));
        Assert.All(document.Blocks, b => Assert.Empty(b.HeadingPath));
    }

    [Fact]
    public void Utf16_with_a_bom_is_decoded()
    {
        byte[] bytes = [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes("Grüße aus Köln")];

        Assert.Equal("Grüße aus Köln", Assert.Single(_extractor.Extract(DocumentKind.PlainText, bytes, CancellationToken.None).Blocks).Text);
    }

    [Fact]
    public void A_file_of_only_whitespace_is_rejected_as_having_no_text() =>
        Assert.Throws<UnsupportedDocumentException>(() => _extractor.Extract(DocumentKind.PlainText, "\0 \r\n\t"u8.ToArray(), CancellationToken.None));
}
