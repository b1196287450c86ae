using ChatSphere.Core.Conversations;
using ChatSphere.Core.Domain;
using ChatSphere.Web.Bots;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.Web.Pages.Bots.Conversations;

/// <summary>Every conversation with a bot, newest first.</summary>
public sealed class ConversationsModel(ConversationService conversations) : PageModel
{
    public Bot Bot => HttpContext.Bot();

    public List<ConversationSummary> Conversations { get; private set; } = [];

    public async Task OnGetAsync() => Conversations = await conversations.Summaries(Bot.Id).Take(200).ToListAsync();
}
