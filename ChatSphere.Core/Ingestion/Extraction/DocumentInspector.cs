namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>
/// Decides what an upload is from its name and claimed type, then checks that its bytes agree,
/// so the user hears at upload time (HTTP 415) rather than from a failed ingestion job.
/// </summary>
public static class DocumentInspector
{
    public const string SupportedTypes =
        "PDF (.pdf), Word (.docx), HTML (.html, .htm), Markdown (.md, .markdown), plain text (.txt) and CSV (.csv)";

    private const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private static readonly Dictionary<string, DocumentKind> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = DocumentKind.Pdf,
        [".docx"] = DocumentKind.Docx,
        [".html"] = DocumentKind.Html,
        [".htm"] = DocumentKind.Html,
        [".md"] = DocumentKind.Markdown,
        [".markdown"] = DocumentKind.Markdown,
        [".txt"] = DocumentKind.PlainText,
        [".csv"] = DocumentKind.Csv,
    };

    // Only consulted when the name has no extension; browsers derive the type from the extension anyway.
    private static readonly Dictionary<string, DocumentKind> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/pdf"] = DocumentKind.Pdf,
        ["application/x-pdf"] = DocumentKind.Pdf,
        [DocxContentType] = DocumentKind.Docx,
        ["text/html"] = DocumentKind.Html,
        ["application/xhtml+xml"] = DocumentKind.Html,
        ["text/markdown"] = DocumentKind.Markdown,
        ["text/x-markdown"] = DocumentKind.Markdown,
        ["text/plain"] = DocumentKind.PlainText,
        ["text/csv"] = DocumentKind.Csv,
        ["application/csv"] = DocumentKind.Csv,
    };

    /// <summary>The kind of the upload, or <see cref="UnsupportedDocumentException"/> saying why it cannot be read.</summary>
    public static DocumentKind Inspect(string fileName, string? claimedContentType, ReadOnlySpan<byte> bytes) =>
        Inspect(fileName, claimedContentType, bytes, ExtractionLimits.Default);

    /// <inheritdoc cref="Inspect(string, string?, ReadOnlySpan{byte})"/>
    public static DocumentKind Inspect(string fileName, string? claimedContentType, ReadOnlySpan<byte> bytes, ExtractionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var kind = KindOf(fileName, claimedContentType);
        if (bytes.IsEmpty)
        {
            throw new UnsupportedDocumentException("The file is empty.");
        }

        switch (kind)
        {
            case DocumentKind.Pdf:
                PdfSignature.Verify(bytes);
                break;
            case DocumentKind.Docx:
                DocxPackage.Verify(bytes.ToArray(), limits);
                break;
            default:
                TextCheck.Verify(bytes, Describe(kind));
                break;
        }

        return kind;
    }

    /// <summary>The content type to store for a document of this kind.</summary>
    public static string ContentTypeFor(DocumentKind kind) => kind switch
    {
        DocumentKind.Pdf => "application/pdf",
        DocumentKind.Docx => DocxContentType,
        DocumentKind.Html => "text/html",
        DocumentKind.Markdown => "text/markdown",
        DocumentKind.PlainText => "text/plain",
        DocumentKind.Csv => "text/csv",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static DocumentKind KindOf(string fileName, string? claimedContentType)
    {
        var extension = Path.GetExtension(fileName ?? "");
        if (extension.Length > 1)
        {
            if (Extensions.TryGetValue(extension, out var byExtension))
            {
                return byExtension;
            }

            var hint = extension.Equals(".doc", StringComparison.OrdinalIgnoreCase) ? " Save old .doc files as .docx first." : "";
            throw new UnsupportedDocumentException($"\"{extension}\" files are not supported. Upload {SupportedTypes}.{hint}");
        }

        // "text/html; charset=utf-8" names the type before the parameters.
        var mediaType = claimedContentType?.Split(';', 2)[0].Trim() ?? "";
        if (ContentTypes.TryGetValue(mediaType, out var byType))
        {
            return byType;
        }

        throw new UnsupportedDocumentException(
            $"The file's type could not be told from its name (it has no extension). Upload {SupportedTypes}.");
    }

    private static string Describe(DocumentKind kind) => kind switch
    {
        DocumentKind.Html => "an HTML page",
        DocumentKind.Markdown => "a Markdown file",
        DocumentKind.Csv => "a CSV file",
        _ => "plain text",
    };
}
