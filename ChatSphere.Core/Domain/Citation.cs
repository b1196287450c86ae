namespace ChatSphere.Core.Domain;

/// <summary>Where a statement in an answer comes from: a chunk retrieved in the same turn.</summary>
public sealed class Citation
{
    public Guid ChunkId { get; set; }

    public Guid DocumentId { get; set; }

    public string DocumentName { get; set; } = "";

    public string Snippet { get; set; } = "";
}
