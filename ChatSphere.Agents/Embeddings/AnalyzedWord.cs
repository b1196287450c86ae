namespace ChatSphere.Agents.Embeddings;

/// <summary>A content word as written (lower case, accents folded) and its stem.</summary>
internal readonly record struct AnalyzedWord(string Surface, string Stem);
