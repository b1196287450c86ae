using ChatSphere.Core.Bots;
using ChatSphere.Core.Conversations;
using ChatSphere.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.Web.Pages.Bots.Conversations;

/// <summary>One conversation as it happened: answers with their citations, latency, tokens, and thumbs up/down.</summary>
public sealed class TranscriptModel(BotService bots, ConversationService conversations, UserManager<AppUser> users) : PageModel
{
    public Bot Bot { get; private set; } = null!;

    public Conversation Conversation { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid conversationId)
    {
        if (await bots.FindAsync(users.GetUserId(User)!, id) is not { } bot)
        {
            return NotFound();
        }

        var conversation = await conversations.Transcripts(id).FirstOrDefaultAsync(c => c.Id == conversationId);
        if (conversation is null)
        {
            return NotFound();
        }

        (Bot, Conversation) = (bot, conversation);
        return Page();
    }

    public async Task<IActionResult> OnPostFeedbackAsync(Guid id, Guid conversationId, Guid messageId, MessageFeedback? value) =>
        await conversations.SetFeedbackAsync(users.GetUserId(User)!, id, messageId, value)
            ? RedirectToPage(new { id, conversationId })
            : NotFound();
}
