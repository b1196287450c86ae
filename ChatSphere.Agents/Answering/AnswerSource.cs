namespace ChatSphere.Agents.Answering;

/// <summary>A retrieved chunk offered to the answerer; sources arrive best-ranked first.</summary>
/// <param name="Marker">The 1-based citation number the user sees as [1], [2]...</param>
/// <param name="ChunkId">The chunk the text came from.</param>
/// <param name="DocumentName">The name of the chunk's document.</param>
/// <param name="Text">The chunk text.</param>
/// <param name="HeadingPath">The chunk's place in its document ("Document > Heading"), whose lines are never quoted.</param>
public sealed record AnswerSource(int Marker, Guid ChunkId, string DocumentName, string Text, string HeadingPath = "");
