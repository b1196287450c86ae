using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Ingestion;
using ChatSphere.Core.Ingestion.Extraction;
using ChatSphere.Core.Languages;
using ChatSphere.Core.Quotas;
using ChatSphere.Web.Bots;
using ChatSphere.Web.Knowledge;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatSphere.Web.Pages.Bots.Documents;

/// <summary>A bot's documents: upload several at once, watch their ingestion live, retry, re-index, delete.</summary>
/// <remarks>
/// Every handler works on <see cref="Bot"/>, the bot the BotOwner policy checked, never on a bound <c>botId</c>: model
/// binding reads a form field before the route value, so a bound id could name a bot the check never saw.
/// </remarks>
public sealed class DocumentsModel(DocumentService documents, AppDbContext db, IOptions<IngestionOptions> options) : PageModel
{
    public Bot Bot => HttpContext.Bot();

    public List<Document> Documents { get; private set; } = [];

    public double MaxUploadMb => options.Value.MaxUploadBytes / (1024 * 1024.0);

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync() =>
        Documents = await db.Documents.AsNoTracking().Where(d => d.BotId == Bot.Id).OrderByDescending(d => d.CreatedAt).ToListAsync();

    /// <summary>Polled by the page while ingestion runs.</summary>
    public async Task<IActionResult> OnGetStatusAsync()
    {
        var list = await db.Documents.AsNoTracking().Where(d => d.BotId == Bot.Id).ToListAsync();
        return new JsonResult(list.Select(DocumentResponse.From));
    }

    public async Task<IActionResult> OnPostUploadAsync(List<IFormFile> files)
    {
        if (files.Count == 0)
        {
            StatusMessage = "Error: choose one or more files to upload.";
            return RedirectToPage(new { botId = Bot.Id });
        }

        var outcomes = new List<string>();
        var failed = false;
        foreach (var file in files)
        {
            try
            {
                await using var stream = file.OpenReadStream();
                var result = await documents.UploadAsync(Bot.Id, file.FileName, file.ContentType, stream);
                outcomes.Add(result.Duplicate ? $"{file.FileName}: already uploaded." : $"{file.FileName}: queued.");
            }
            catch (Exception ex) when (ex is UnsupportedDocumentException or DocumentTooLargeException or QuotaExceededException)
            {
                failed = true;
                outcomes.Add($"{file.FileName}: {ex.Message}");
            }
        }

        StatusMessage = (failed ? "Error: " : "") + string.Join(" ", outcomes);
        return RedirectToPage(new { botId = Bot.Id });
    }

    public async Task<IActionResult> OnPostReindexAsync(Guid id)
    {
        if (!await documents.ReindexAsync(Bot.Id, id))
        {
            return NotFound();
        }

        StatusMessage = "Queued for ingestion again.";
        return RedirectToPage(new { botId = Bot.Id });
    }

    /// <summary>The owner's language for one document ("" detects it again); the document is indexed again in it.</summary>
    public async Task<IActionResult> OnPostLanguageAsync(Guid id, string? language)
    {
        language = string.IsNullOrWhiteSpace(language) ? null : language.Trim();
        if (language is not null && !KnownLanguages.IsKnown(language))
        {
            StatusMessage = "Error: " + KnownLanguages.Unknown(language);
            return RedirectToPage(new { botId = Bot.Id });
        }

        if (!await documents.SetLanguageAsync(Bot.Id, id, language))
        {
            return NotFound();
        }

        StatusMessage = language is null
            ? "The document's language will be detected; it is being indexed again."
            : $"The document is being indexed again in {KnownLanguages.NameOf(language)}.";
        return RedirectToPage(new { botId = Bot.Id });
    }

    /// <summary>"German (detected)", "German (set by you)", "German (bot setting)", or why there is none.</summary>
    public string LanguageLabel(Document document) => document switch
    {
        { Language: null } => "Not detected yet",
        { Language: "" } => "Unknown (searched without stemming)",
        { LanguageSetByOwner: true } => $"{KnownLanguages.NameOf(document.Language)} (set by you)",
        _ when Bot.DocumentLanguage == document.Language => $"{KnownLanguages.NameOf(document.Language)} (bot setting)",
        _ => $"{KnownLanguages.NameOf(document.Language)} (detected)",
    };

    public async Task<IActionResult> OnPostDeleteAsync(Guid id)
    {
        if (!await documents.DeleteAsync(Bot.Id, id))
        {
            return NotFound();
        }

        StatusMessage = "Document deleted.";
        return RedirectToPage(new { botId = Bot.Id });
    }

    public static string Badge(DocumentStatus status) => status switch
    {
        DocumentStatus.Ready => "success",
        DocumentStatus.Failed => "danger",
        DocumentStatus.Queued => "secondary",
        _ => "info",
    };

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / (1024 * 1024.0):0.#} MB",
    };
}
