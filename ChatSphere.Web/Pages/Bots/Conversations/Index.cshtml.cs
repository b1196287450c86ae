using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using ChatSphere.Web.Bots;
using ChatSphere.Web.Chat;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.Web.Pages.Bots.Conversations;

/// <summary>Every conversation with a bot, newest first.</summary>
public sealed class ConversationsModel(AppDbContext db) : PageModel
{
    public Bot Bot => HttpContext.Bot();

    public List<ConversationSummary> Conversations { get; private set; } = [];

    public async Task OnGetAsync() => Conversations = await ConversationsApi.Summaries(db, Bot.Id).Take(200).ToListAsync();
}
