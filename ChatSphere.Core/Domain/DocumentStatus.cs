namespace ChatSphere.Core.Domain;

public enum DocumentStatus
{
    Queued,
    Extracting,
    Chunking,
    Embedding,
    Ready,
    Failed,
}
