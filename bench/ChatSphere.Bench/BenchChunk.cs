namespace ChatSphere.Bench;

/// <summary>A chunk as the retrievers see it (<paramref name="Indexed"/>) and as the answer check sees it.</summary>
internal sealed record BenchChunk(string Text, string Indexed, string PaddedNormalised, int Words);
