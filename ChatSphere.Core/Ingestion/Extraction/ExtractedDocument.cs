namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>What extraction makes of a file: its text blocks in reading order, and a title when the file has one.</summary>
public sealed record ExtractedDocument(IReadOnlyList<TextBlock> Blocks, string? Title = null);
