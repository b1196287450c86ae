namespace ChatSphere.Agents.Answering;

/// <summary>Quoted sentences with their citation markers; empty text means the sources hold no answer.</summary>
/// <param name="Text">The reply, e.g. <c>“Sentence one.” [1] “Sentence two.” [3]</c>, or "".</param>
/// <param name="CitedMarkers">The markers cited, in the order they appear in <paramref name="Text"/>, without repeats.</param>
public sealed record ExtractiveAnswer(string Text, IReadOnlyList<int> CitedMarkers)
{
    /// <summary>No answer: the caller should reply with the bot's fallback message.</summary>
    public static ExtractiveAnswer None { get; } = new("", []);

    /// <summary>Whether there is nothing to say.</summary>
    public bool IsEmpty => Text.Length == 0;
}
