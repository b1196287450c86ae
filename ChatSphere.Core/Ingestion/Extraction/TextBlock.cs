namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>
/// A run of text in reading order (a paragraph, list item, table row...) with the headings above it
/// (outermost first) and, for PDFs, its 1-based page.
/// </summary>
public sealed record TextBlock(string Text, IReadOnlyList<string> HeadingPath, int? Page = null);
