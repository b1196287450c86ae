using ChatSphere.Agents.Chat;
using ChatSphere.Agents.Retrieval;

namespace ChatSphere.Agents.Answering;

/// <summary>
/// How a bot answers a question from the passages found for it: with the configured model (<see cref="ModelAnswerer"/>)
/// or offline (<see cref="OfflineAnswerer"/>). The one is chosen at composition (DependencyInjection), by the model mode.
/// </summary>
public interface IBotAnswerer
{
    /// <summary>"model" or "offline": the <c>chatsphere.mode</c> tag of the turn's span and metrics.</summary>
    string Mode { get; }

    /// <summary>
    /// The answer as deltas of text, then one <see cref="ChatCompleted"/> (citations only of <paramref name="sources"/>) or
    /// one <see cref="ChatFailed"/>.
    /// </summary>
    /// <param name="found">The passages searched for the question before answering, numbered for citing.</param>
    /// <param name="sources">This turn's passages, to which any further search adds.</param>
    IAsyncEnumerable<ChatUpdate> AnswerAsync(
        ChatTurn turn, IReadOnlyList<(int Marker, SearchHit Hit)> found, TurnSources sources, CancellationToken cancellationToken);
}
