using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using ChatSphere.Agents.Chat;
using ChatSphere.Agents.Retrieval;
using ChatSphere.Core.Languages;

namespace ChatSphere.Agents.Answering;

/// <summary>
/// The answerer with no model configured: quotes the passages' best sentences (<see cref="ExtractiveAnswerer"/>),
/// analysing the question and the passages in the question's language among the bot's (as the search did). Without
/// <paramref name="detection"/> and <paramref name="languages"/> (a unit test's answerer) the language is unknown.
/// </summary>
public sealed partial class OfflineAnswerer(
    ExtractiveAnswerer answerer, LanguageDetection? detection = null, BotLanguages? languages = null) : IBotAnswerer
{
    public string Mode => "offline";

    public async IAsyncEnumerable<ChatUpdate> AnswerAsync(
        ChatTurn turn, IReadOnlyList<(int Marker, SearchHit Hit)> found, TurnSources sources,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Quotes need passages: with none there is nothing to say.
        if (found.Count == 0)
        {
            await foreach (var update in FallbackReply.For(turn.Bot, offline: true).WithCancellation(cancellationToken))
            {
                yield return update;
            }

            yield break;
        }

        var language = detection is null || languages is null
            ? null
            : detection.DetectAmong(turn.Message, await languages.GetAsync(turn.Bot.Id, cancellationToken));
        var answer = answerer.Answer(
            turn.Message, found.Select(f => new AnswerSource(f.Marker, f.Hit.ChunkId, f.Hit.DocumentName, f.Hit.Text, f.Hit.HeadingPath)).ToList(),
            language: language);
        var reply = answer.IsEmpty ? turn.Bot.FallbackMessage : answer.Text;
        var citations = answer.IsEmpty ? [] : sources.CitationsFor(answer.CitedMarkers);

        // Streamed word by word like a model's answer, so every client handles one shape.
        foreach (Match word in Words().Matches(reply))
        {
            yield return new ChatDelta(word.Value);
        }

        yield return new ChatCompleted(reply, citations, null, null, Offline: true) { Fallback = answer.IsEmpty };
    }

    [GeneratedRegex(@"\S+\s*")]
    private static partial Regex Words();
}
