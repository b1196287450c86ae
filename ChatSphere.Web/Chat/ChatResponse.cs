using ChatSphere.Agents.Chat;

namespace ChatSphere.Web.Chat;

/// <summary>The contract's reply, plus <c>offline</c> (the offline answerer replied).</summary>
public sealed record ChatResponse(
    Guid ConversationId, Guid MessageId, string Reply, List<CitationResponse> Citations, UsageResponse? Usage, bool Offline)
{
    /// <summary>A stored answer as the reply; <c>usage</c> only when a model reported tokens.</summary>
    public static ChatResponse From(ChatSaved saved)
    {
        var answer = saved.Answer;
        return new ChatResponse(
            saved.ConversationId, saved.MessageId, answer.Reply,
            answer.Citations.Select(c => new CitationResponse(c.ChunkId, c.DocumentId, c.DocumentName, c.Snippet)).ToList(),
            answer.InputTokens is null && answer.OutputTokens is null ? null : new UsageResponse(answer.InputTokens ?? 0, answer.OutputTokens ?? 0),
            answer.Offline);
    }
}
