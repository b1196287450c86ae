using ChatSphere.Agents.Models;
using ChatSphere.Core.Bots;
using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Quotas;
using ChatSphere.Web.Auth;
using ChatSphere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ChatSphere.Web.Pages.Bots;

/// <summary>A signed-in owner's home: their bots, to create (rename and delete post to each bot's own page).</summary>
public sealed class IndexModel(BotService bots, AppDbContext db, AccountQuotas quotas, IOptions<ModelOptions> models)
    : PageModel
{
    private TimeZoneInfo _timeZone = TimeZoneInfo.Utc;

    public List<Bot> Bots { get; private set; } = [];

    /// <summary>The owner's use of each quota against its limit, shown small under the title.</summary>
    public List<QuotaUsage> Usage { get; private set; } = [];

    /// <summary>The create form's settings (only a name), kept to show it again with its errors.</summary>
    public BotSettings NewBot { get; private set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public ModelMode Mode => models.Value.Mode;

    public string ModeDetail => Mode == ModelMode.Offline
        ? "No model key is configured: bots use ChatSphere's built-in local embedder and extractive answerer."
        : $"Models from {models.Value.BaseUrl ?? "OpenAI"}";

    public string LocalTime(DateTimeOffset time) => UserTimeZone.Format(time, _timeZone);

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync([Bind(Prefix = nameof(NewBot))] BotSettings newBot)
    {
        if (!ModelState.IsValid)
        {
            NewBot = newBot;
            await LoadAsync();
            return Page();
        }

        try
        {
            var bot = await bots.CreateAsync(User.GetUserId(), newBot);
            StatusMessage = $"Created “{bot.Name}”.";
        }
        catch (QuotaExceededException ex)
        {
            StatusMessage = $"Error: {ex.Message}";
        }

        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var userId = User.GetUserId();
        Bots = await bots.ListAsync(userId);
        Usage = await quotas.UsageAsync(userId);
        _timeZone = await UserTimeZone.FindAsync(db, userId);
    }
}
