namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>
/// Bounds on what a document may expand to. A DOCX is a zip: its central directory is checked against these before
/// OpenXml decompresses anything, since OpenXml itself sets no limit; a PDF's compressed streams are measured before
/// PdfPig inflates them. What any extractor produces is held to the text bounds as it is collected.
/// </summary>
/// <param name="MaxZipEntries">More files than this in the zip is rejected.</param>
/// <param name="MaxUncompressedBytes">The declared total size of all entries of a zip; and what one PDF stream may inflate to.</param>
/// <param name="MaxExpansionRatio">Uncompressed over compressed size, for any entry or the whole zip.</param>
/// <param name="RatioFloorBytes">Entries (and zips) smaller than this uncompressed are not ratio-checked: tiny XML compresses well.</param>
/// <param name="MaxCharactersInPart">Passed to OpenXml, which enforces it while it reads, whatever the zip claims.</param>
/// <param name="MaxHtmlNesting">Unclosed HTML elements nested deeper than this are rejected: parsing them takes quadratic time.</param>
/// <param name="MaxHeadingLength">A longer heading is cut to this many characters: every block under it carries it.</param>
/// <param name="MaxHeadingDepth">Headings kept in a path; deeper ones replace the innermost.</param>
/// <param name="MaxBlockLength">A longer block (one huge paragraph) is split into blocks of at most this many characters.</param>
/// <param name="MaxTextLength">Characters of text and distinct heading paths a document may yield; more fails it.</param>
/// <param name="MaxBlocks">Blocks a document may yield; more fails it.</param>
public sealed record ExtractionLimits(
    int MaxZipEntries = 1000,
    long MaxUncompressedBytes = 100L * 1024 * 1024,
    double MaxExpansionRatio = 100,
    long RatioFloorBytes = 1024 * 1024,
    long MaxCharactersInPart = 50_000_000,
    int MaxHtmlNesting = 2000,
    int MaxHeadingLength = 300,
    int MaxHeadingDepth = 6,
    int MaxBlockLength = 100_000,
    long MaxTextLength = 32_000_000,
    int MaxBlocks = 500_000)
{
    public static ExtractionLimits Default { get; } = new();

    /// <summary>
    /// The most the extraction worker may write for one document (UTF-8, at most 3 bytes a character, and a little
    /// JSON per block); the web process stops reading past it.
    /// </summary>
    public long MaxWorkerOutputBytes => MaxTextLength * 3 + MaxBlocks * 128L + 64 * 1024;
}
