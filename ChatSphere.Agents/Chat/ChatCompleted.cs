using ChatSphere.Core.Domain;

namespace ChatSphere.Agents.Chat;

/// <summary>The whole answer, with the citations of its markers and the tokens the model reported (null when none was asked).</summary>
/// <param name="Offline">The offline answerer replied.</param>
public sealed record ChatCompleted(string Reply, IReadOnlyList<Citation> Citations, int? InputTokens, int? OutputTokens, bool Offline)
    : ChatUpdate
{
    /// <summary>The reply is the bot's fallback message: nothing found answered the question.</summary>
    public bool Fallback { get; init; }
}
