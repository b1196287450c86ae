namespace ChatSphere.Core.Ingestion.Chunking;

/// <summary>
/// A sentence (or, for an over-long one, a run of words) of a section. Segments with the same
/// <paramref name="Atom"/> are packed together: a block that fits in a chunk is never split.
/// </summary>
internal readonly record struct Segment(string Text, int Tokens, int Block, int Atom);
