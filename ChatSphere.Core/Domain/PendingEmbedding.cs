using Pgvector;

namespace ChatSphere.Core.Domain;

/// <summary>
/// A chunk's vector from the model a bot is switching to. Queries never read this table; the switch copies
/// these into <see cref="Chunk.Embedding"/> in one transaction and deletes them.
/// </summary>
public sealed class PendingEmbedding
{
    public Guid ChunkId { get; set; }

    public Guid BotId { get; set; }

    public required string Model { get; set; }

    public int Dimensions { get; set; }

    public required Vector Embedding { get; set; }
}
