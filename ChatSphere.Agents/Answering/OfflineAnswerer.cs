using System.Text.RegularExpressions;
using ChatSphere.Agents.Chat;
using ChatSphere.Agents.Retrieval;

namespace ChatSphere.Agents.Answering;

/// <summary>The answerer with no model configured: quotes the passages' best sentences (<see cref="ExtractiveAnswerer"/>).</summary>
public sealed partial class OfflineAnswerer(ExtractiveAnswerer answerer) : IBotAnswerer
{
    public string Mode => "offline";

    public IAsyncEnumerable<ChatUpdate> AnswerAsync(
        ChatTurn turn, IReadOnlyList<(int Marker, SearchHit Hit)> found, TurnSources sources, CancellationToken cancellationToken)
    {
        // Quotes need passages: with none there is nothing to say.
        if (found.Count == 0)
        {
            return FallbackReply.For(turn.Bot, offline: true);
        }

        var answer = answerer.Answer(turn.Message, found.Select(f => new AnswerSource(f.Marker, f.Hit.ChunkId, f.Hit.DocumentName, f.Hit.Text, f.Hit.HeadingPath)).ToList());
        var reply = answer.IsEmpty ? turn.Bot.FallbackMessage : answer.Text;
        var citations = answer.IsEmpty ? [] : sources.CitationsFor(answer.CitedMarkers);
        // Streamed word by word like a model's answer, so every client handles one shape.
        IEnumerable<ChatUpdate> Updates()
        {
            foreach (Match word in Words().Matches(reply))
            {
                yield return new ChatDelta(word.Value);
            }

            yield return new ChatCompleted(reply, citations, null, null, Offline: true) { Fallback = answer.IsEmpty };
        }

        return Updates().ToAsyncEnumerable();
    }

    [GeneratedRegex(@"\S+\s*")]
    private static partial Regex Words();
}
