namespace ChatSphere.Agents.Retrieval;

/// <summary>
/// A ranked chunk. <see cref="Score"/> is the fused score scaled to 0..1 (1 = first in both the vector and the
/// full-text ranking); the per-leg ranks (1-based, null when that leg did not find it) explain it.
/// </summary>
public sealed record SearchHit(
    Guid ChunkId,
    Guid DocumentId,
    string DocumentName,
    string HeadingPath,
    int? Page,
    string Text,
    double Score,
    int? VectorRank,
    double? Similarity,
    int? TextRank);
