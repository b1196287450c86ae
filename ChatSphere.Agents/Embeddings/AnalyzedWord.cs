namespace ChatSphere.Agents.Embeddings;

/// <summary>
/// A term as written (lower case, optional accents folded) and its stem (the same word outside English);
/// <paramref name="Unspaced"/> for a character bigram of a script written without spaces.
/// </summary>
internal readonly record struct AnalyzedWord(string Surface, string Stem, bool Unspaced);
