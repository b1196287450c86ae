using System.Text;
using ChatSphere.Core.Ingestion.Extraction;
using ChatSphere.Testing;

namespace ChatSphere.UnitTests.Ingestion.Extraction;

/// <summary>What any document may expand to: headings and blocks are capped, and a document past a bound fails with it.</summary>
public sealed class ExtractionBoundsTests
{
    // About 3 million characters, varied enough that a zipped .docx of it does not look like a zip bomb.
    private static readonly string HugeHeading = string.Join(' ', Enumerable.Range(0, 300_000).Select(i => $"w{i * 7919 % 1_000_003}"));

    [Fact]
    public void A_heading_of_millions_of_characters_is_cut_and_shared_by_the_thousands_of_blocks_under_it()
    {
        var html = $"<html><body><h1>{HugeHeading}</h1>{string.Concat(Enumerable.Range(0, 5000).Select(i => $"<p>Paragraph {i}.</p>"))}</body></html>";

        var document = new DocumentExtractor().Extract(DocumentKind.Html, Encoding.UTF8.GetBytes(html), CancellationToken.None);

        Assert.Equal(5000, document.Blocks.Count);
        var heading = Assert.Single(document.Blocks[0].HeadingPath);
        Assert.InRange(heading.Length, 250, ExtractionLimits.Default.MaxHeadingLength);
        Assert.EndsWith("…", heading);
        Assert.All(document.Blocks, b => Assert.Same(document.Blocks[0].HeadingPath, b.HeadingPath));
    }

    [Theory]
    [InlineData(DocumentKind.Markdown)]
    [InlineData(DocumentKind.Docx)]
    public void Markdown_and_word_headings_are_cut_the_same_way(DocumentKind kind)
    {
        var bytes = kind == DocumentKind.Docx
            ? TestDocx.UnderOneHeading(HugeHeading, paragraphs: 3)
            : Encoding.UTF8.GetBytes($"# {HugeHeading}\n\nParagraph 0.\n\nParagraph 1.\n\nParagraph 2.\n");

        var document = new DocumentExtractor().Extract(kind, bytes, CancellationToken.None);

        Assert.Equal(3, document.Blocks.Count);
        Assert.All(document.Blocks, b => Assert.True(b.HeadingPath.Single().Length <= ExtractionLimits.Default.MaxHeadingLength));
        Assert.True(document.Title is null || document.Title.Length <= ExtractionLimits.Default.MaxHeadingLength);
    }

    [Fact]
    public void A_path_deeper_than_the_cap_keeps_the_outermost_headings_and_the_newest()
    {
        var markdown = "# One\n\n## Two\n\n### Three\n\n#### Four\n\nUnder four.\n";

        var document = new DocumentExtractor(new ExtractionLimits(MaxHeadingDepth: 3))
            .Extract(DocumentKind.Markdown, Encoding.UTF8.GetBytes(markdown), CancellationToken.None);

        Assert.Equal(["One", "Two", "Four"], document.Blocks.Single().HeadingPath);
    }

    [Fact]
    public void A_block_longer_than_the_cap_is_split_at_spaces_and_loses_no_text()
    {
        var words = string.Join(' ', Enumerable.Range(0, 50_000).Select(i => $"w{i}"));

        var document = new DocumentExtractor(new ExtractionLimits(MaxBlockLength: 10_000))
            .Extract(DocumentKind.PlainText, Encoding.UTF8.GetBytes(words), CancellationToken.None);

        Assert.True(document.Blocks.Count >= words.Length / 10_000);
        Assert.All(document.Blocks, b => Assert.InRange(b.Text.Length, 1, 10_000));
        Assert.Equal(words, string.Join(' ', document.Blocks.Select(b => b.Text)));
    }

    [Fact]
    public void A_document_with_more_text_than_allowed_fails_naming_the_limit()
    {
        var error = Assert.Throws<UnsupportedDocumentException>(() => new DocumentExtractor(new ExtractionLimits(MaxTextLength: 1000))
            .Extract(DocumentKind.PlainText, Encoding.UTF8.GetBytes(new string('a', 600) + "\n\n" + new string('b', 600)), CancellationToken.None));

        Assert.Contains("more than 1,000 characters", error.Message);
    }

    [Fact]
    public void Distinct_heading_paths_count_towards_the_text_limit()
    {
        // Short blocks, each under its own long heading: the headings are what would fill memory.
        var markdown = string.Concat(Enumerable.Range(0, 100).Select(i => $"# {i} {new string('h', 200)}\n\nx\n\n"));

        var error = Assert.Throws<UnsupportedDocumentException>(() => new DocumentExtractor(new ExtractionLimits(MaxTextLength: 10_000))
            .Extract(DocumentKind.Markdown, Encoding.UTF8.GetBytes(markdown), CancellationToken.None));

        Assert.Contains("characters of text", error.Message);
    }

    [Fact]
    public void A_document_with_more_blocks_than_allowed_fails_naming_the_limit()
    {
        var csv = "name,price\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"item {i},{i}\n"));

        var error = Assert.Throws<UnsupportedDocumentException>(() => new DocumentExtractor(new ExtractionLimits(MaxBlocks: 10))
            .Extract(DocumentKind.Csv, Encoding.UTF8.GetBytes(csv), CancellationToken.None));

        Assert.Contains("more than 10 paragraphs", error.Message);
    }

    [Fact]
    public void A_docx_bomb_that_understates_its_sizes_still_fails_without_unpacking_it()
    {
        const string Start = """<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>""";
        var bomb = TestZip.Understated(TestZip.Build([
            ("[Content_Types].xml", s => s.Write(Encoding.UTF8.GetBytes(TestZip.ContentTypes))),
            ("word/document.xml", s =>
            {
                s.Write(Encoding.UTF8.GetBytes(Start));
                var spaces = new byte[1024 * 1024];
                Array.Fill(spaces, (byte)' ');
                for (var i = 0; i < 64; i++)
                {
                    s.Write(spaces);
                }
            }),
        ]), size: 1000);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var error = Assert.Throws<UnsupportedDocumentException>(() => new DocumentExtractor().Extract(DocumentKind.Docx, bomb, CancellationToken.None));

        Assert.Contains("Word document", error.Message);
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 48L * 1024 * 1024, "The bomb was unpacked into memory.");
    }

    [Fact]
    public void A_pdf_whose_flate_stream_expands_past_the_limit_is_rejected_as_a_bomb()
    {
        var pdf = TestDocuments.PdfBomb(megabytes: 8);
        Assert.True(pdf.Length < 100_000, $"the bomb should be small, was {pdf.Length} bytes");

        var error = Assert.Throws<UnsupportedDocumentException>(() => new DocumentExtractor(new ExtractionLimits(MaxUncompressedBytes: 4 * 1024 * 1024))
            .Extract(DocumentKind.Pdf, pdf, CancellationToken.None));

        Assert.Contains("decompression bomb", error.Message);
        Assert.Contains("4 MB", error.Message);
    }

    [Fact]
    public void A_pdf_whose_flate_streams_stay_under_the_limit_is_read()
    {
        var document = new DocumentExtractor().Extract(DocumentKind.Pdf, TestPdf.Build("Small", ["Some text on a page."]), CancellationToken.None);

        Assert.Contains("Some text", document.Blocks.Single().Text);
    }
}
