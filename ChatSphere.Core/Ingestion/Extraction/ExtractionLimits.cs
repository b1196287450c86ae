namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>
/// Bounds on what a document may expand to before it is parsed. A DOCX is a zip: its central directory is
/// checked against these before OpenXml decompresses anything, since OpenXml itself sets no limit.
/// </summary>
/// <param name="MaxZipEntries">More files than this in the zip is rejected.</param>
/// <param name="MaxUncompressedBytes">The declared total size of all entries.</param>
/// <param name="MaxExpansionRatio">Uncompressed over compressed size, for any entry or the whole zip.</param>
/// <param name="RatioFloorBytes">Entries (and zips) smaller than this uncompressed are not ratio-checked: tiny XML compresses well.</param>
/// <param name="MaxCharactersInPart">Passed to OpenXml, which enforces it while it reads, whatever the zip claims.</param>
/// <param name="MaxHtmlNesting">Unclosed HTML elements nested deeper than this are rejected: parsing them takes quadratic time.</param>
public sealed record ExtractionLimits(
    int MaxZipEntries = 1000,
    long MaxUncompressedBytes = 100L * 1024 * 1024,
    double MaxExpansionRatio = 100,
    long RatioFloorBytes = 1024 * 1024,
    long MaxCharactersInPart = 50_000_000,
    int MaxHtmlNesting = 2000)
{
    public static ExtractionLimits Default { get; } = new();
}
