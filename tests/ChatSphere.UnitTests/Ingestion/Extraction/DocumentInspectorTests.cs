using System.Text;
using ChatSphere.Core.Ingestion.Extraction;

namespace ChatSphere.UnitTests.Ingestion.Extraction;

public sealed class DocumentInspectorTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];

    [Theory]
    [InlineData("notes.txt", "text/plain", DocumentKind.PlainText)]
    [InlineData("README.MD", "application/octet-stream", DocumentKind.Markdown)]
    [InlineData("page.htm", null, DocumentKind.Html)]
    [InlineData("prices.csv", "application/vnd.ms-excel", DocumentKind.Csv)]
    [InlineData("notes", "text/markdown; charset=utf-8", DocumentKind.Markdown)]
    [InlineData("export", "text/csv", DocumentKind.Csv)]
    public void Text_kinds_come_from_the_extension_or_else_the_content_type(string name, string? type, DocumentKind expected) =>
        Assert.Equal(expected, DocumentInspector.Inspect(name, type, "a,b\n1,2"u8));

    [Fact]
    public void A_pdf_may_have_junk_before_its_header() =>
        Assert.Equal(DocumentKind.Pdf, DocumentInspector.Inspect("a.pdf", "application/pdf", [.. new byte[500], .. "%PDF-1.7\n"u8]));

    [Fact]
    public void A_real_docx_is_accepted() =>
        Assert.Equal(DocumentKind.Docx, DocumentInspector.Inspect("policy.docx", "application/octet-stream", TestDocx.StorePolicy()));

    [Fact]
    public void Utf16_text_with_a_bom_is_accepted() =>
        Assert.Equal(DocumentKind.PlainText, DocumentInspector.Inspect("a.txt", null, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("Grüße")]));

    [Fact]
    public void A_pdf_that_is_really_text_is_rejected() =>
        AssertRejected("not a PDF", () => DocumentInspector.Inspect("report.pdf", "application/pdf", "Just some words."u8));

    [Fact]
    public void A_txt_that_is_really_a_png_is_rejected() =>
        AssertRejected("PNG image", () => DocumentInspector.Inspect("notes.txt", "text/plain", Png));

    [Fact]
    public void Text_full_of_nul_bytes_is_rejected_as_binary() =>
        AssertRejected("binary", () => DocumentInspector.Inspect("data.csv", null, [.. "a,b\n"u8, .. new byte[100]]));

    [Fact]
    public void Text_in_a_legacy_encoding_is_rejected_with_a_hint_to_save_as_utf8() =>
        AssertRejected("UTF-8", () => DocumentInspector.Inspect("a.txt", null, Encoding.Latin1.GetBytes("Café déjà vu à Noël, où ça?")));

    [Theory]
    [InlineData("setup.exe", "application/octet-stream")]
    [InlineData("setup.exe", null)]
    [InlineData("setup.exe", "text/plain")]
    public void An_unknown_extension_is_rejected_with_the_supported_types(string name, string? type) =>
        AssertRejected(".docx", () => DocumentInspector.Inspect(name, type, "MZ"u8));

    [Fact]
    public void No_extension_and_an_unknown_content_type_is_rejected() =>
        AssertRejected("Markdown", () => DocumentInspector.Inspect("upload", "application/octet-stream", "text"u8));

    [Fact]
    public void An_empty_file_is_rejected() =>
        AssertRejected("empty", () => DocumentInspector.Inspect("a.txt", "text/plain", []));

    [Fact]
    public void A_docx_that_is_not_a_zip_is_rejected() =>
        AssertRejected("not a zip", () => DocumentInspector.Inspect("a.docx", null, "Hello, I am not a zip file"u8));

    [Fact]
    public void A_zip_without_a_word_document_inside_is_rejected() =>
        AssertRejected("word/document.xml", () => DocumentInspector.Inspect("a.docx", null,
            TestZip.Build(("[Content_Types].xml", TestZip.ContentTypes), ("xl/workbook.xml", "<workbook/>"))));

    [Fact]
    public void A_docx_that_expands_a_thousand_times_is_rejected_as_a_zip_bomb()
    {
        var bomb = TestZip.Build([
            ("[Content_Types].xml", s => s.Write(Encoding.UTF8.GetBytes(TestZip.ContentTypes))),
            ("word/document.xml", TestZip.Zeros(megabytes: 50)),
        ]);

        Assert.True(bomb.Length < 200_000, $"the bomb should be small, was {bomb.Length} bytes");
        AssertRejected("expands", () => DocumentInspector.Inspect("bomb.docx", null, bomb));
    }

    [Fact]
    public void A_docx_with_thousands_of_entries_is_rejected()
    {
        var entries = Enumerable.Range(0, 2000).Select(i => ($"word/media/{i}.xml", "<x/>"))
            .Append(("[Content_Types].xml", TestZip.ContentTypes)).Append(("word/document.xml", "<w:document/>"));

        AssertRejected("more than 1000 files", () => DocumentInspector.Inspect("many.docx", null, TestZip.Build([.. entries])));
    }

    [Fact]
    public void Limits_can_be_tightened()
    {
        var limits = new ExtractionLimits(MaxUncompressedBytes: 1000);
        AssertRejected("unpack to", () => DocumentInspector.Inspect("policy.docx", null, TestDocx.StorePolicy(), limits));
    }

    [Theory]
    [InlineData(DocumentKind.Pdf, "application/pdf")]
    [InlineData(DocumentKind.Docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData(DocumentKind.Markdown, "text/markdown")]
    [InlineData(DocumentKind.Csv, "text/csv")]
    public void Each_kind_has_a_canonical_content_type(DocumentKind kind, string expected) =>
        Assert.Equal(expected, DocumentInspector.ContentTypeFor(kind));

    private static void AssertRejected(string expectedInMessage, Action inspect)
    {
        var error = Assert.Throws<UnsupportedDocumentException>(inspect);
        Assert.Contains(expectedInMessage, error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
