using ChatSphere.Agents.Models;
using ChatSphere.Core.Bots;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Ingestion;
using ChatSphere.Web.Auth;
using ChatSphere.Web.Bots;
using ChatSphere.Web.Infrastructure;
using ChatSphere.Web.Widget;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ChatSphere.Web.Pages.Bots;

/// <summary>A bot's settings: how it speaks, what it retrieves, when it says "I don't know", its models and its widget.</summary>
public sealed class SettingsModel(BotService bots, ChunkEmbedder embedder, IOptions<ModelOptions> models, ModelCatalog catalog, BotModelCheck check)
    : PageModel
{
    public Bot Bot => HttpContext.Bot();

    [BindProperty]
    public BotSettings Input { get; set; } = new();

    /// <summary>Not a setting (the API has no avatar), but posted in the same form.</summary>
    [BindProperty(Name = "Input.WidgetAvatar")]
    public IFormFile? WidgetAvatar { get; set; }

    [BindProperty(Name = "Input.RemoveWidgetAvatar")]
    public bool RemoveWidgetAvatar { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public ModelOptions Models => models.Value;

    public string EmbeddingTarget => embedder.TargetModelFor(Bot);

    public string DefaultEmbeddingModel => embedder.TargetModelFor((string?)null);

    /// <summary>What the model selects offer.</summary>
    public OfferedModels Offered { get; private set; } = new([], [], Offline: true);

    public string AvatarUrl => WidgetAssetsApi.AvatarUrl(Bot, Request.PathBase);

    public async Task OnGetAsync()
    {
        Input = BotSettings.From(Bot);
        Offered = await catalog.GetAsync(HttpContext.RequestAborted);
    }

    /// <summary>The offered models of a kind, and the bot's own when it is no longer offered, so saving other settings keeps it.</summary>
    public IEnumerable<(string Name, bool IsOffered)> Choices(ModelKind kind)
    {
        var offered = Offered.Of(kind);
        var current = kind == ModelKind.Chat ? Bot.ChatModel : Bot.EmbeddingModel;
        var stale = current is not null && !offered.Contains(current) ? [(current, false)] : Array.Empty<(string, bool)>();
        return offered.Select(name => (name, true)).Concat(stale);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // Input was validated when it was bound; the avatar is checked here.
        var (avatar, avatarType) = await ReadAvatarAsync();
        foreach (var error in await check.CheckAsync(Input, Bot, HttpContext.RequestAborted))
        {
            ModelState.AddModelError($"{nameof(Input)}.{error.MemberNames.Single()}", error.ErrorMessage!);
        }

        if (!ModelState.IsValid)
        {
            Offered = await catalog.GetAsync(HttpContext.RequestAborted);
            return Page();
        }

        if (avatar is not null || RemoveWidgetAvatar)
        {
            await bots.SetWidgetAvatarAsync(Bot, avatar, avatarType);
        }

        // The form sends every field, so an empty box means none, where an absent (null) setting means "unchanged".
        Input.ScoreThreshold ??= 0;
        Input.SuggestedQuestions ??= [];
        Input.AllowedOrigins ??= [];
        var (oldModel, oldChunks, oldLanguage) = (Bot.EmbeddingModel, (Bot.ChunkMaxTokens, Bot.ChunkOverlapTokens), Bot.DocumentLanguage);
        var updated = await bots.UpdateAsync(User.GetUserId(), Bot.Id, Input);
        StatusMessage = "Settings saved."
            + (updated!.EmbeddingModel != oldModel ? " The documents are being embedded with the new model; the current vectors answer until then." : "")
            + ((updated.ChunkMaxTokens, updated.ChunkOverlapTokens) != oldChunks ? " The documents are being chunked again." : "")
            + (updated.DocumentLanguage != oldLanguage ? " The documents are being indexed again in their new language." : "");
        return RedirectToPage(new { botId = Bot.Id });
    }

    private async Task<(byte[]?, string?)> ReadAvatarAsync()
    {
        if (WidgetAvatar is not { Length: > 0 } upload)
        {
            return (null, null);
        }

        var (bytes, type, error) = await ImageUpload.ReadAsync(upload, BotLimits.WidgetAvatarMaxBytes);
        if (error is not null)
        {
            ModelState.AddModelError("Input.WidgetAvatar", error);
        }

        return (bytes, type);
    }
}
