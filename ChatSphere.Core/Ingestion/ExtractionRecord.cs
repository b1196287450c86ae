namespace ChatSphere.Core.Ingestion;

/// <summary>
/// One element of the extraction worker's output, a JSON array streamed in reading order: a heading path each time it
/// changes (not once per block: a hostile page repeats a huge heading over thousands of blocks), a block's text with
/// its page, and last the title.
/// </summary>
public sealed record ExtractionRecord(string? Text = null, int? Page = null, IReadOnlyList<string>? Headings = null, string? Title = null);
