using System.Text;
using ChatSphere.Core.Ingestion.Extraction;

namespace ChatSphere.UnitTests.Ingestion.Extraction;

public sealed class DocxExtractionTests
{
    private readonly DocumentExtractor _extractor = new();

    [Fact]
    public void Headings_build_the_path_and_paragraphs_list_items_and_table_rows_become_blocks()
    {
        var document = _extractor.Extract(DocumentKind.Docx, TestDocx.StorePolicy(), CancellationToken.None);

        Assert.Equal("Store policy", document.Title);
        Assert.Equal(
            [
                ("Items can be returned within 30 days.", "Acme Store > Returns"),
                ("Refunds go to the original card.", "Acme Store > Returns > Refunds"),
                ("Gift cards are refunded as store credit.", "Acme Store > Returns > Refunds"),
                ("Item | Refund window", "Acme Store > Returns > Refunds"),
                ("Shoes | 30 days", "Acme Store > Returns > Refunds"),
                ("We ship worldwide.", "Acme Store > Shipping"),
            ],
            document.Blocks.Select(b => (b.Text, string.Join(" > ", b.HeadingPath))));
        Assert.All(document.Blocks, b => Assert.Null(b.Page));
    }

    [Fact]
    public void The_extractor_runs_the_zip_bomb_check_itself()
    {
        var bomb = TestZip.Build([
            ("[Content_Types].xml", s => s.Write(Encoding.UTF8.GetBytes(TestZip.ContentTypes))),
            ("word/document.xml", TestZip.Zeros(megabytes: 5)),
        ]);

        var error = Assert.Throws<UnsupportedDocumentException>(() => _extractor.Extract(DocumentKind.Docx, bomb, CancellationToken.None));
        Assert.Contains("zip bomb", error.Message);
    }

    [Fact]
    public void A_zip_that_passes_the_checks_but_has_no_word_package_inside_is_rejected_with_a_reason()
    {
        var fake = TestZip.Build(("[Content_Types].xml", TestZip.ContentTypes), ("word/document.xml", "<not-word/>"));

        var error = Assert.Throws<UnsupportedDocumentException>(() => _extractor.Extract(DocumentKind.Docx, fake, CancellationToken.None));
        Assert.Contains("not a Word document", error.Message);
    }

    [Fact]
    public void A_part_over_the_character_limit_is_rejected()
    {
        var extractor = new DocumentExtractor(new ExtractionLimits(MaxCharactersInPart: 200));

        var error = Assert.Throws<UnsupportedDocumentException>(() => extractor.Extract(DocumentKind.Docx, TestDocx.StorePolicy(), CancellationToken.None));
        Assert.Contains("too large", error.Message);
    }

    [Fact]
    public void A_word_package_with_broken_xml_is_rejected_with_a_reason()
    {
        var broken = TestZip.Build(
            ("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
                </Types>
                """),
            ("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
                </Relationships>
                """),
            ("word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p>"));

        var error = Assert.Throws<UnsupportedDocumentException>(() => _extractor.Extract(DocumentKind.Docx, broken, CancellationToken.None));
        Assert.Contains("damaged", error.Message);
    }
}
