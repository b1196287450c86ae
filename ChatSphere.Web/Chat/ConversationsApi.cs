using ChatSphere.Core.Conversations;
using ChatSphere.Core.Domain;
using ChatSphere.Web.Bots;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.Web.Chat;

public static class ConversationsApi
{
    /// <summary>A bot's conversations and feedback on its answers, on <see cref="BotGroup.MapBotGroup"/>.</summary>
    public static RouteGroupBuilder MapConversationsApi(this RouteGroupBuilder bot)
    {
        var group = bot.MapGroup("").WithTags("Conversations");
        group.MapGet("/conversations", ListAsync).WithSummary("The bot's conversations, newest first.");
        group.MapGet("/conversations/{id:guid}", GetAsync).WithSummary("One conversation with its messages, citations and feedback.");
        group.MapPost("/messages/{messageId:guid}/feedback", FeedbackAsync).WithSummary("Thumbs up or down on an answer (value: up, down or null).");
        return bot;
    }

    public static async Task<Ok<List<ConversationSummary>>> ListAsync(Guid botId, HttpContext http, ConversationService conversations) =>
        TypedResults.Ok(await conversations.Summaries(botId).Take(200).ToListAsync(http.RequestAborted));

    public static async Task<Results<Ok<ConversationDetail>, NotFound>> GetAsync(
        Guid botId, Guid id, HttpContext http, ConversationService conversations)
    {
        var conversation = await conversations.Transcripts(botId).FirstOrDefaultAsync(c => c.Id == id, http.RequestAborted);
        return conversation is null ? TypedResults.NotFound() : TypedResults.Ok(ConversationDetail.From(conversation));
    }

    public static async Task<Results<NoContent, NotFound>> FeedbackAsync(
        Guid botId, Guid messageId, FeedbackRequest request, HttpContext http, ConversationService conversations) =>
        await conversations.SetFeedbackAsync(botId, messageId, request.Value, http.RequestAborted)
            ? TypedResults.NoContent()
            : TypedResults.NotFound();

    /// <summary>Shared with the Conversations page.</summary>

}

public sealed record FeedbackRequest(MessageFeedback? Value);

public sealed record MessageResponse(
    Guid Id, MessageRole Role, string Content, List<CitationResponse> Citations, UsageResponse? Usage, int? LatencyMs,
    MessageFeedback? Feedback, DateTimeOffset CreatedAt);

public sealed record ConversationDetail(Guid Id, string Title, ConversationChannel Channel, List<MessageResponse> Messages)
{
    public static ConversationDetail From(Conversation c) => new(c.Id, c.Title, c.Channel, c.Messages.Select(m => new MessageResponse(
        m.Id, m.Role, m.Content, m.Citations.Select(x => new CitationResponse(x.ChunkId, x.DocumentId, x.DocumentName, x.Snippet)).ToList(),
        m.InputTokens is null && m.OutputTokens is null ? null : new UsageResponse(m.InputTokens ?? 0, m.OutputTokens ?? 0),
        m.LatencyMs, m.Feedback, m.CreatedAt)).ToList());
}
