namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>
/// The extraction step of ingestion: turns a stored file of a known kind into sanitised text blocks.
/// Throws <see cref="UnsupportedDocumentException"/> (not worth retrying) when the file cannot be read or has no text.
/// </summary>
public sealed class DocumentExtractor(ExtractionLimits? limits = null)
{
    private readonly PdfExtractor _pdf = new();
    private readonly DocxExtractor _docx = new(limits ?? ExtractionLimits.Default);
    private readonly HtmlExtractor _html = new(limits ?? ExtractionLimits.Default);
    private readonly MarkdownExtractor _markdown = new();
    private readonly PlainTextExtractor _plainText = new();
    private readonly CsvExtractor _csv = new();

    public ExtractedDocument Extract(DocumentKind kind, byte[] bytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        cancellationToken.ThrowIfCancellationRequested();
        var document = kind switch
        {
            DocumentKind.Pdf => _pdf.Extract(bytes, cancellationToken),
            DocumentKind.Docx => _docx.Extract(bytes, cancellationToken),
            DocumentKind.Html => _html.Extract(bytes, cancellationToken),
            DocumentKind.Markdown => _markdown.Extract(bytes, cancellationToken),
            DocumentKind.PlainText => _plainText.Extract(bytes, cancellationToken),
            DocumentKind.Csv => _csv.Extract(bytes, cancellationToken),
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
