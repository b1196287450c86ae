using ChatSphere.Core.Ingestion.Chunking;

namespace ChatSphere.Agents.Chat;

/// <summary>The tokens a turn spent, for budgets: the model's usage where it reports one, else a count of the text.</summary>
public static class TurnTokens
{
    /// <summary>An answered turn: each side as the model reported it, else counted (the question, the reply).</summary>
    public static long Of(string question, ChatCompleted answer) =>
        (answer.InputTokens ?? TokenCounter.Shared.Count(question)) + (answer.OutputTokens ?? TokenCounter.Shared.Count(answer.Reply));

    /// <summary>A turn left unfinished (the caller went away, or the model failed) after <paramref name="streamed"/> was sent.</summary>
    public static long Streamed(string question, string streamed) =>
        TokenCounter.Shared.Count(question) + TokenCounter.Shared.Count(streamed);
}
