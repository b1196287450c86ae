using System.Text;
using ChatSphere.Core.Ingestion.Extraction;

namespace ChatSphere.UnitTests.Ingestion.Extraction;

public sealed class PdfExtractionTests
{
    private readonly DocumentExtractor _extractor = new();

    [Fact]
    public void Text_is_found_on_the_right_page_with_the_title()
    {
        var pdf = TestPdf.Build("Employee handbook",
            ["Holidays start in July.", "Everyone gets 25 days."],
            ["Sick leave needs a note.", "Ask your manager first."]);

        var document = _extractor.Extract(DocumentKind.Pdf, pdf, CancellationToken.None);

        Assert.Equal("Employee handbook", document.Title);
        Assert.Contains(document.Blocks, b => b.Page == 1 && b.Text.Contains("25 days"));
        Assert.Contains(document.Blocks, b => b.Page == 2 && b.Text.Contains("Sick leave"));
        Assert.DoesNotContain(document.Blocks, b => b.Page == 1 && b.Text.Contains("Sick leave"));
        Assert.All(document.Blocks, b => Assert.Empty(b.HeadingPath));
    }

    [Fact]
    public void Lines_of_a_paragraph_are_joined_and_hyphenated_words_mended()
    {
        var pdf = TestPdf.Build(null, ["This paragraph is an exam-", "ple of a broken word that", "spans three lines."]);

        var text = Assert.Single(_extractor.Extract(DocumentKind.Pdf, pdf, CancellationToken.None).Blocks).Text;

        Assert.Equal("This paragraph is an example of a broken word that spans three lines.", text);
    }

    [Fact]
    public void Paragraphs_separated_by_a_gap_become_separate_blocks()
    {
        var pdf = TestPdf.Build(null, [
            "Opening hours are nine to five", "on every working day of the week.", null, null,
            "Parking is free for all visitors", "in the car park behind the shop."]);

        var blocks = _extractor.Extract(DocumentKind.Pdf, pdf, CancellationToken.None).Blocks;

        Assert.Equal(2, blocks.Count);
        Assert.StartsWith("Opening hours", blocks[0].Text);
        Assert.StartsWith("Parking", blocks[1].Text);
    }

    [Fact]
    public void A_pdf_with_no_text_is_rejected_as_probably_scanned() =>
        Assert.Contains("scanned", Assert.Throws<UnsupportedDocumentException>(
            () => _extractor.Extract(DocumentKind.Pdf, TestPdf.Build(null, []), CancellationToken.None)).Message);

    [Fact]
    public void A_damaged_pdf_is_rejected_with_a_reason() =>
        Assert.Contains("could not be read", Assert.Throws<UnsupportedDocumentException>(
            () => _extractor.Extract(DocumentKind.Pdf, "%PDF-1.7\ngarbage"u8.ToArray(), CancellationToken.None)).Message);

    [Fact]
    public void A_pdf_that_needs_a_password_is_rejected_as_password_protected()
    {
        // A standard security handler whose check value no empty password can produce.
        var key = new string('7', 64);
        var pdf = Encoding.Latin1.GetString(TestPdf.Build(null, ["Secret"]))
            .Replace("/Info 6 0 R >>", $"/Info 6 0 R /Encrypt << /Filter /Standard /V 1 /R 2 /O <{key}> /U <{key}> /P -4 >> >>");

        var error = Assert.Throws<UnsupportedDocumentException>(
            () => _extractor.Extract(DocumentKind.Pdf, Encoding.Latin1.GetBytes(pdf), CancellationToken.None));
        Assert.Contains("password", error.Message);
    }

    [Fact]
    public void Junk_before_the_header_is_tolerated_as_pdf_readers_do()
    {
        byte[] pdf = [.. Encoding.ASCII.GetBytes(new string('#', 300) + "\n"), .. TestPdf.Build(null, ["Still readable."])];

        Assert.Equal("Still readable.", Assert.Single(_extractor.Extract(DocumentKind.Pdf, pdf, CancellationToken.None).Blocks).Text);
    }

    [Fact]
    public void Extraction_stops_when_cancelled()
    {
        var pdf = TestPdf.Build(null, ["Some text."]);
        Assert.ThrowsAny<OperationCanceledException>(() => _extractor.Extract(DocumentKind.Pdf, pdf, new CancellationToken(canceled: true)));
    }
}
