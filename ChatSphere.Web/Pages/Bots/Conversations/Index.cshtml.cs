using ChatSphere.Core.Bots;
using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using ChatSphere.Web.Chat;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.Web.Pages.Bots.Conversations;

/// <summary>Every conversation with a bot, newest first.</summary>
public sealed class ConversationsModel(BotService bots, AppDbContext db, UserManager<AppUser> users) : PageModel
{
    public Bot Bot { get; private set; } = null!;

    public List<ConversationSummary> Conversations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await bots.FindAsync(users.GetUserId(User)!, id) is not { } bot)
        {
            return NotFound();
        }

        Bot = bot;
        Conversations = await ConversationsApi.Summaries(db, id).Take(200).ToListAsync();
        return Page();
    }
}
