namespace ChatSphere.Core.Domain;

/// <summary>A document's original bytes, kept in PostgreSQL so any instance can process them.</summary>
public sealed class DocumentContent
{
    public Guid DocumentId { get; set; }

    public required byte[] Bytes { get; set; }
}
