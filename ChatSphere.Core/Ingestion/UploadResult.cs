using ChatSphere.Core.Domain;

namespace ChatSphere.Core.Ingestion;

/// <summary>The stored document, and whether it was already there (same bytes, same bot).</summary>
public sealed record UploadResult(Document Document, bool Duplicate);
