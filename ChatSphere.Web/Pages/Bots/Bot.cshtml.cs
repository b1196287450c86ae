using ChatSphere.Agents.Retrieval;
using ChatSphere.Core.Bots;
using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Ingestion;
using ChatSphere.Web.Auth;
using ChatSphere.Web.Bots;
using ChatSphere.Web.Infrastructure;
using ChatSphere.Web.Knowledge;
using ChatSphere.Web.Widget;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.Web.Pages.Bots;

/// <summary>A bot's overview: what it knows, a box to test what it retrieves, and its widget (snippet, sites, preview).</summary>
public sealed class BotModel(
    AppDbContext db, BotService bots, KnowledgeSearch search, ChunkEmbedder embedder, WidgetSessions widgetSessions) : PageModel
{
    /// <summary>Read by the bots list, where rename and delete land.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    public Bot Bot => HttpContext.Bot();

    public (int Total, int Ready, int Working, int Failed) Documents { get; private set; }

    public int ChunkCount { get; private set; }

    public string TargetModel => embedder.TargetModelFor(Bot);

    public string? Query { get; private set; }

    public int Top { get; private set; } = 5;

    public IReadOnlyList<SearchHit> Hits { get; private set; } = [];

    /// <summary>What the owner pastes into their site's pages.</summary>
    public string EmbedSnippet =>
        $"<script src=\"{Request.SiteOrigin()}{WidgetAssetsApi.ScriptPath}\" data-bot=\"{Bot.PublicKey}\" async></script>";

    public async Task<IActionResult> OnGetAsync(string? q, int top = 5, CancellationToken cancellationToken = default)
    {
        var states = await db.Documents.Where(d => d.BotId == Bot.Id).GroupBy(d => d.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        int Count(Func<DocumentStatus, bool> match) => states.Where(s => match(s.Key)).Sum(s => s.Count);
        Documents = (Count(_ => true), Count(s => s == DocumentStatus.Ready), Count(s => s is not (DocumentStatus.Ready or DocumentStatus.Failed)),
            Count(s => s == DocumentStatus.Failed));
        ChunkCount = await db.Chunks.CountAsync(c => c.BotId == Bot.Id, cancellationToken);

        if (!string.IsNullOrWhiteSpace(q))
        {
            Query = q.Length > KnowledgeSearch.MaxQueryLength ? q[..KnowledgeSearch.MaxQueryLength] : q;
            Top = Math.Clamp(top, 1, KnowledgeSearch.MaxTop);
            Hits = await search.SearchAsync(Bot, Query, Top, cancellationToken);
        }

        return Page();
    }

    /// <summary>Renames the bot (the rename form on the bots list posts only "Name"), then back to the list.</summary>
    public async Task<IActionResult> OnPostRenameAsync(BotSettings rename)
    {
        if (!ModelState.IsValid)
        {
            return BackToList($"Error: a bot's name must be 1 to {BotLimits.NameMaxLength} characters.");
        }

        var renamed = await bots.UpdateAsync(User.GetUserId(), Bot.Id, rename);
        return renamed is null ? NotFound() : BackToList($"Renamed to “{renamed.Name}”.");
    }

    public async Task<IActionResult> OnPostDeleteAsync() =>
        await bots.DeleteAsync(User.GetUserId(), Bot.Id) ? BackToList("Bot deleted.") : NotFound();

    /// <summary>
    /// A widget session for the owner's preview on this page: the same JSON as the public route, minted for this site
    /// (not a listed one), so the preview works before any site is allowed.
    /// </summary>
    public IActionResult OnPostWidgetSession([FromBody] PreviewRequest? request)
    {
        var site = Request.SiteOrigin();
        return new JsonResult(widgetSessions.Mint(Bot, site, request?.VisitorId, preview: true, site));
    }

    public sealed record PreviewRequest(string? VisitorId);

    private RedirectToPageResult BackToList(string status)
    {
        StatusMessage = status;
        return RedirectToPage("/Bots/Index");
    }
}
