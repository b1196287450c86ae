using System.Diagnostics;
using System.Text.Json;
using ChatSphere.Agents.Chat;
using ChatSphere.Agents.Models;
using ChatSphere.Core.Conversations;
using ChatSphere.Core.Domain;
using ChatSphere.Web.Auth;
using ChatSphere.Web.Bots;
using ChatSphere.Web.Chat;
using ChatSphere.Web.OpenAi;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ChatSphere.Web.Pages.Bots;

/// <summary>Chat with a bot as its owner: streamed answers, rendered safely, with citation chips and a Stop button.</summary>
public sealed class ChatModel(ConversationService conversations, BotAgent agent, IOptions<ModelOptions> models)
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
        var started = Stopwatch.GetTimestamp();
        if (ChatApi.TurnError(message, conversationId, regenerate) is var (_, error))
        {
            return BadRequest(error);
        }

        if (await ChatApi.BeginTurnAsync(Bot, User.GetUserId(), null, conversationId, message, regenerate, ConversationChannel.Web, conversations, cancellationToken)
            is not var (conversation, turn))
        {
            return NotFound();
        }

        var loadMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var updates = agent.RunAsync(turn, cancellationToken);
        using var events = new ChatEventWriter(HttpContext, Json);
        await ChatApi.WriteEventsAsync(
            events, updates, conversation, conversations, started, new Dictionary<string, double> { ["loadMs"] = loadMs },
            done => new { done, html = SafeMarkdown.ToHtml(done.Reply) }, cancellationToken);
        return new EmptyResult();
    }
}
