namespace ChatSphere.Core.Ingestion.Chunking;

/// <summary>A piece of a document sized for retrieval, with where it came from for citations.</summary>
public sealed record TextChunk(int Ordinal, string Text, int TokenCount, IReadOnlyList<string> HeadingPath, int? Page);
