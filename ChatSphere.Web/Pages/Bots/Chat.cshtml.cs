using System.Text.Json;
using ChatSphere.Agents.Chat;
using ChatSphere.Agents.Models;
using ChatSphere.Core.Conversations;
using ChatSphere.Core.Domain;
using ChatSphere.Web.Auth;
using ChatSphere.Web.Bots;
using ChatSphere.Web.Chat;
using ChatSphere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ChatSphere.Web.Pages.Bots;

/// <summary>Chat with a bot as its owner: streamed answers, rendered safely, with citation chips and a Stop button.</summary>
public sealed class ChatModel(ConversationService conversations, ChatTurns turns, IOptions<ModelOptions> models)
    : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Bot Bot => HttpContext.Bot();

    public bool Offline => models.Value.Mode == ModelMode.Offline;

    /// <summary>Thumbs up or down on an answer (from the buttons under it).</summary>
    public async Task<IActionResult> OnPostFeedbackAsync(Guid messageId, MessageFeedback? value) =>
        await conversations.SetFeedbackAsync(Bot.Id, messageId, value) ? new NoContentResult() : NotFound();

    /// <summary>Streams the answer as server-sent events; the final event carries the reply rendered as safe HTML.</summary>
    public async Task<IActionResult> OnPostAskAsync(string? message, Guid? conversationId, bool regenerate, CancellationToken cancellationToken)
    {
        var turn = await turns.StartAsync(
            new TurnRequest(ConversationChannel.Web, Bot, TurnCaller.Owner(User.GetUserId()), conversationId, message, regenerate)
            {
                ArrivedAt = RequestArrival.Of(HttpContext),
            },
            cancellationToken);
        if (turn.Rejection is { Quota: { } quota })
        {
            // In plain words on the page (chat.js shows a 429's text as it is), with the wait as Retry-After.
            QuotaProblems.SetRetryAfter(Response, quota);
            return new ObjectResult(quota.Message) { StatusCode = StatusCodes.Status429TooManyRequests };
        }

        if (turn.Rejection is { } rejected)
        {
            return rejected.Reason == TurnRejectionReason.InvalidInput ? BadRequest(rejected.Message) : NotFound();
        }

        using var events = new ChatEventWriter(HttpContext, Json);
        await ChatReply.WriteEventsAsync(events, turn, done => new { done, html = SafeMarkdown.ToHtml(done.Reply) }, cancellationToken);
        return new EmptyResult();
    }
}
