namespace ChatSphere.Agents.Answering;

/// <summary>One sentence of one source, with its analysed terms and the source's place in the ranking.</summary>
internal sealed record CandidateSentence(string Text, int Marker, int Rank, IReadOnlyList<string> Terms);
