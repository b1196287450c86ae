namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>
/// The extraction step of ingestion: turns a stored file of a known kind into sanitised text blocks.
/// Throws <see cref="UnsupportedDocumentException"/> (not worth retrying) when the file cannot be read or has no text.
/// </summary>
public sealed class DocumentExtractor(ExtractionLimits? limits = null)
{
    public ExtractionLimits Limits { get; } = limits ?? ExtractionLimits.Default;

    private readonly PdfExtractor _pdf = new();
    private readonly DocxExtractor _docx = new();
    private readonly HtmlExtractor _html = new();
    private readonly MarkdownExtractor _markdown = new();
    private readonly PlainTextExtractor _plainText = new();
    private readonly CsvExtractor _csv = new();

    public ExtractedDocument Extract(DocumentKind kind, byte[] bytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        cancellationToken.ThrowIfCancellationRequested();
        var blocks = new BlockCollector(Limits, cancellationToken);
        var document = kind switch
        {
            DocumentKind.Pdf => _pdf.Extract(bytes, blocks),
            DocumentKind.Docx => _docx.Extract(bytes, blocks),
            DocumentKind.Html => _html.Extract(bytes, blocks),
            DocumentKind.Markdown => _markdown.Extract(bytes, blocks),
            DocumentKind.PlainText => _plainText.Extract(bytes, blocks),
            DocumentKind.Csv => _csv.Extract(bytes, blocks),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

        if (document.Blocks.Count == 0)
        {
            throw new UnsupportedDocumentException(kind == DocumentKind.Pdf
                ? "The PDF has no selectable text; it is probably scanned images, and text recognition (OCR) is not supported."
                : "The file contains no text to learn from.");
        }

        return document;
    }
}
