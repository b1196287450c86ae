namespace ChatSphere.Web.Chat;

public sealed record CitationResponse(Guid ChunkId, Guid DocumentId, string DocumentName, string Snippet);
