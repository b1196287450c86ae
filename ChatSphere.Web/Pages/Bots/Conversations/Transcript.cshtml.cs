using ChatSphere.Core.Conversations;
using ChatSphere.Core.Domain;
using ChatSphere.Web.Bots;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.Web.Pages.Bots.Conversations;

/// <summary>One conversation as it happened: answers with their citations, latency, tokens, and thumbs up/down.</summary>
public sealed class TranscriptModel(ConversationService conversations) : PageModel
{
    public Bot Bot => HttpContext.Bot();

    public Conversation Conversation { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid conversationId)
    {
        var conversation = await conversations.Transcripts(Bot.Id).FirstOrDefaultAsync(c => c.Id == conversationId);
        if (conversation is null)
        {
            return NotFound();
        }

        Conversation = conversation;
        return Page();
    }

    public async Task<IActionResult> OnPostFeedbackAsync(Guid conversationId, Guid messageId, MessageFeedback? value) =>
        await conversations.SetFeedbackAsync(Bot.Id, messageId, value)
            ? RedirectToPage(new { botId = Bot.Id, conversationId })
            : NotFound();
}
