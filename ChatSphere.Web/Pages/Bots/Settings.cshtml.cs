using System.ComponentModel.DataAnnotations;
using ChatSphere.Agents.Models;
using ChatSphere.Core.Bots;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Ingestion;
using ChatSphere.Core.Ingestion.Chunking;
using ChatSphere.Web.Auth;
using ChatSphere.Web.Bots;
using ChatSphere.Web.Infrastructure;
using ChatSphere.Web.Widget;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ChatSphere.Web.Pages.Bots;

/// <summary>A bot's settings: how it speaks, what it retrieves, when it says "I don't know", its models and its widget.</summary>
public sealed class SettingsModel(BotService bots, ChunkEmbedder embedder, IOptions<ModelOptions> models)
    : PageModel
{
    public Bot Bot => HttpContext.Bot();

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public ModelOptions Models => models.Value;

    public string EmbeddingTarget => embedder.TargetModelFor(Bot);

    public string AvatarUrl => WidgetAssetsApi.AvatarUrl(Bot, Request.PathBase);

    public void OnGet() => Input = InputModel.From(Bot);

    public async Task<IActionResult> OnPostAsync()
    {
        var settings = Input.ToSettings();
        foreach (var (field, messages) in BotSettings.Validate(settings, Bot))
        {
            foreach (var message in messages)
            {
                var property = field == "model" ? nameof(InputModel.ChatModel) : $"{char.ToUpperInvariant(field[0])}{field[1..]}";
                ModelState.AddModelError($"Input.{property}", message);
            }
        }

        var (avatar, avatarType) = await ReadAvatarAsync();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (avatar is not null || Input.RemoveWidgetAvatar)
        {
            await bots.SetWidgetAvatarAsync(Bot, avatar, avatarType);
        }

        var (oldModel, oldChunks) = (Bot.EmbeddingModel, (Bot.ChunkMaxTokens, Bot.ChunkOverlapTokens));
        var updated = await bots.UpdateAsync(User.GetUserId(), Bot.Id, settings);
        StatusMessage = "Settings saved."
            + (updated!.EmbeddingModel != oldModel ? " The documents are being embedded with the new model; the current vectors answer until then." : "")
            + ((updated.ChunkMaxTokens, updated.ChunkOverlapTokens) != oldChunks ? " The documents are being chunked again." : "");
        return RedirectToPage(new { botId = Bot.Id });
    }

    private async Task<(byte[]?, string?)> ReadAvatarAsync()
    {
        if (Input.WidgetAvatar is not { Length: > 0 } upload)
        {
            return (null, null);
        }

        var (bytes, type, error) = await ImageUpload.ReadAsync(upload, Bot.MaxWidgetAvatarBytes);
        if (error is not null)
        {
            ModelState.AddModelError("Input.WidgetAvatar", error);
        }

        return (bytes, type);
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "A bot needs a name.")]
        [StringLength(Bot.NameMaxLength)]
        public string Name { get; set; } = "";

        [StringLength(BotSettings.MaxInstructionsLength)]
        [Display(Name = "Instructions")]
        public string? Instructions { get; set; }

        [StringLength(200)]
        [Display(Name = "Chat model")]
        public string? ChatModel { get; set; }

        [Range(0, 2)]
        public float Temperature { get; set; }

        [Range(50, 8000)]
        [Display(Name = "Maximum answer length (tokens)")]
        public int MaxAnswerTokens { get; set; }

        [StringLength(1000)]
        [Display(Name = "Welcome message")]
        public string? WelcomeMessage { get; set; }

        [Display(Name = "Suggested questions (one per line)")]
        public string? SuggestedQuestions { get; set; }

        [Range(1, BotSettings.MaxRetrievalTop)]
        [Display(Name = "Chunks to retrieve per question")]
        public int RetrievalTop { get; set; }

        [Range(0, 1)]
        [Display(Name = "Score threshold (0 to 1, empty for none)")]
        public float? ScoreThreshold { get; set; }

        [Display(Name = "Answer only from the documents")]
        public bool GroundedOnly { get; set; }

        [Required(ErrorMessage = "Say what the bot answers when the documents do not have it.")]
        [StringLength(1000)]
        [Display(Name = "\"I don't know\" message")]
        public string FallbackMessage { get; set; } = "";

        [StringLength(200)]
        [Display(Name = "Embedding model")]
        public string? EmbeddingModel { get; set; }

        [Range(ChunkingOptions.MinTokens, ChunkingOptions.MaxTokensLimit)]
        [Display(Name = "Chunk size (tokens)")]
        public int ChunkMaxTokens { get; set; }

        [Range(0, ChunkingOptions.MaxTokensLimit / 2)]
        [Display(Name = "Chunk overlap (tokens)")]
        public int ChunkOverlapTokens { get; set; }

        [Display(Name = "Sites allowed to embed the widget (one origin per line)")]
        public string? AllowedOrigins { get; set; }

        [Required(ErrorMessage = "Choose the widget's colour.")]
        [Display(Name = "Colour")]
        public string WidgetColor { get; set; } = Bot.DefaultWidgetColor;

        [StringLength(Bot.NameMaxLength)]
        [Display(Name = "Title (empty shows the bot's name)")]
        public string? WidgetTitle { get; set; }

        [Display(Name = "Position")]
        public WidgetPosition WidgetPosition { get; set; }

        [Display(Name = "Avatar (PNG, JPEG, GIF or WebP, up to 256 KB)")]
        public IFormFile? WidgetAvatar { get; set; }

        [Display(Name = "Remove the avatar")]
        public bool RemoveWidgetAvatar { get; set; }

        [Range(BotSettings.MinDailyTokenBudget, BotSettings.MaxDailyTokenBudget)]
        [Display(Name = "Daily token budget")]
        public int DailyTokenBudget { get; set; }

        public static InputModel From(Bot bot) => new()
        {
            Name = bot.Name, Instructions = bot.Instructions, ChatModel = bot.ChatModel, Temperature = bot.Temperature,
            MaxAnswerTokens = bot.MaxAnswerTokens, WelcomeMessage = bot.WelcomeMessage,
            SuggestedQuestions = string.Join('\n', bot.SuggestedQuestions), RetrievalTop = bot.RetrievalTop,
            ScoreThreshold = bot.ScoreThreshold, GroundedOnly = bot.GroundedOnly, FallbackMessage = bot.FallbackMessage,
            EmbeddingModel = bot.EmbeddingModel, ChunkMaxTokens = bot.ChunkMaxTokens, ChunkOverlapTokens = bot.ChunkOverlapTokens,
            AllowedOrigins = string.Join('\n', bot.AllowedOrigins), WidgetColor = bot.WidgetColor, WidgetTitle = bot.WidgetTitle,
            WidgetPosition = bot.WidgetPosition, DailyTokenBudget = bot.DailyTokenBudget,
        };

        public BotSettings ToSettings() => new(
            Name, Instructions ?? "", ChatModel ?? "", Temperature, WelcomeMessage ?? "", Lines(SuggestedQuestions), GroundedOnly,
            FallbackMessage, Lines(AllowedOrigins), EmbeddingModel ?? "", ChunkMaxTokens, ChunkOverlapTokens, ScoreThreshold ?? 0,
            MaxAnswerTokens, RetrievalTop, WidgetColor, WidgetTitle ?? "", WidgetPosition, DailyTokenBudget);

        private static List<string> Lines(string? text) =>
            (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }
}
