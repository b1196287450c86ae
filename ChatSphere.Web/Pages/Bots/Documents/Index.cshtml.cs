using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Ingestion;
using ChatSphere.Core.Ingestion.Extraction;
using ChatSphere.Web.Bots;
using ChatSphere.Web.Knowledge;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatSphere.Web.Pages.Bots.Documents;

/// <summary>A bot's documents: upload several at once, watch their ingestion live, retry, re-index, delete.</summary>
public sealed class DocumentsModel(DocumentService documents, AppDbContext db, IOptions<IngestionOptions> options) : PageModel
{
    public Bot Bot => HttpContext.Bot();

    public List<Document> Documents { get; private set; } = [];

    public double MaxUploadMb => options.Value.MaxUploadBytes / (1024 * 1024.0);

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(Guid botId) =>
        Documents = await db.Documents.AsNoTracking().Where(d => d.BotId == botId).OrderByDescending(d => d.CreatedAt).ToListAsync();

    /// <summary>Polled by the page while ingestion runs.</summary>
    public async Task<IActionResult> OnGetStatusAsync(Guid botId)
    {
        var list = await db.Documents.AsNoTracking().Where(d => d.BotId == botId).ToListAsync();
        return new JsonResult(list.Select(DocumentResponse.From));
    }

    public async Task<IActionResult> OnPostUploadAsync(Guid botId, List<IFormFile> files)
    {
        if (files.Count == 0)
        {
            StatusMessage = "Error: choose one or more files to upload.";
            return RedirectToPage(new { botId });
        }

        var outcomes = new List<string>();
        var failed = false;
        foreach (var file in files)
        {
            try
            {
                await using var stream = file.OpenReadStream();
                var result = await documents.UploadAsync(botId, file.FileName, file.ContentType, stream);
                outcomes.Add(result.Duplicate ? $"{file.FileName}: already uploaded." : $"{file.FileName}: queued.");
            }
            catch (Exception ex) when (ex is UnsupportedDocumentException or DocumentTooLargeException)
            {
                failed = true;
                outcomes.Add($"{file.FileName}: {ex.Message}");
            }
        }

        StatusMessage = (failed ? "Error: " : "") + string.Join(" ", outcomes);
        return RedirectToPage(new { botId });
    }

    public async Task<IActionResult> OnPostReindexAsync(Guid botId, Guid id)
    {
        if (!await documents.ReindexAsync(botId, id))
        {
            return NotFound();
        }

        StatusMessage = "Queued for ingestion again.";
        return RedirectToPage(new { botId });
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid botId, Guid id)
    {
        if (!await documents.DeleteAsync(botId, id))
        {
            return NotFound();
        }

        StatusMessage = "Document deleted.";
        return RedirectToPage(new { botId });
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
