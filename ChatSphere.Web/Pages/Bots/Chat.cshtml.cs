using System.Text.Json;
using ChatSphere.Agents.Chat;
using ChatSphere.Agents.Models;
using ChatSphere.Core.Bots;
using ChatSphere.Core.Conversations;
using ChatSphere.Core.Domain;
using ChatSphere.Web.Chat;
using ChatSphere.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ChatSphere.Web.Pages.Bots;

/// <summary>Chat with a bot as its owner: streamed answers, rendered safely, with citation chips and a Stop button.</summary>
public sealed class ChatModel(
    BotService bots, ConversationService conversations, ChatTurns turns, UserManager<AppUser> users, IOptions<ModelOptions> models)
    : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Bot Bot { get; private set; } = null!;

    public bool Offline => models.Value.Mode == ModelMode.Offline;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Bot = (await bots.FindAsync(users.GetUserId(User)!, id))!;
        return Bot is null ? NotFound() : Page();
    }

    /// <summary>Thumbs up or down on an answer (from the buttons under it).</summary>
    public async Task<IActionResult> OnPostFeedbackAsync(Guid id, Guid messageId, MessageFeedback? value) =>
        await conversations.SetFeedbackAsync(users.GetUserId(User)!, id, messageId, value) ? new NoContentResult() : NotFound();

    /// <summary>Streams the answer as server-sent events; the final event carries the reply rendered as safe HTML.</summary>
    public async Task<IActionResult> OnPostAskAsync(Guid id, string? message, Guid? conversationId, bool regenerate, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        if (await bots.FindAsync(userId, id, cancellationToken) is not { } bot)
        {
            return NotFound();
        }

        var turn = await turns.StartAsync(
            new TurnRequest(ConversationChannel.Web, bot, TurnCaller.Owner(userId), conversationId, message, regenerate)
            {
                ArrivedAt = RequestArrival.Of(HttpContext),
            },
            cancellationToken);
        if (turn.Rejection is { } rejected)
        {
            return rejected.Reason == TurnRejectionReason.InvalidInput ? BadRequest(rejected.Message) : NotFound();
        }

        using var events = new ChatEventWriter(HttpContext, Json);
        await ChatReply.WriteEventsAsync(events, turn, done => new { done, html = SafeMarkdown.ToHtml(done.Reply) }, cancellationToken);
        return new EmptyResult();
    }
}
