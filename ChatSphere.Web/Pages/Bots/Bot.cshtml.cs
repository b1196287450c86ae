using ChatSphere.Agents.Retrieval;
using ChatSphere.Core.Bots;
using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Ingestion;
using ChatSphere.Web.Knowledge;
using ChatSphere.Web.Widget;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.Web.Pages.Bots;

/// <summary>A bot's overview: what it knows, a box to test what it retrieves, and its widget (snippet, sites, preview).</summary>
public sealed class BotModel(
    BotService bots, AppDbContext db, KnowledgeSearch search, ChunkEmbedder embedder, UserManager<AppUser> users, WidgetSessions widgetSessions)
    : PageModel
{
    public Bot Bot { get; private set; } = null!;

    public (int Total, int Ready, int Working, int Failed) Documents { get; private set; }

    public int ChunkCount { get; private set; }

    public string TargetModel => embedder.TargetModelFor(Bot);

    public string? Query { get; private set; }

    public int Top { get; private set; } = 5;

    public IReadOnlyList<SearchHit> Hits { get; private set; } = [];

    /// <summary>What the owner pastes into their site's pages.</summary>
    public string EmbedSnippet =>
        $"<script src=\"{WidgetApi.SiteOrigin(Request)}{WidgetAssetsApi.ScriptPath}\" data-bot=\"{Bot.PublicKey}\" async></script>";

    public async Task<IActionResult> OnGetAsync(Guid id, string? q, int top = 5, CancellationToken cancellationToken = default)
    {
        if (await bots.FindAsync(users.GetUserId(User)!, id, cancellationToken) is not { } bot)
        {
            return NotFound();
        }

        Bot = bot;
        var states = await db.Documents.Where(d => d.BotId == id).GroupBy(d => d.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        int Count(Func<DocumentStatus, bool> match) => states.Where(s => match(s.Key)).Sum(s => s.Count);
        Documents = (Count(_ => true), Count(s => s == DocumentStatus.Ready), Count(s => s is not (DocumentStatus.Ready or DocumentStatus.Failed)),
            Count(s => s == DocumentStatus.Failed));
        ChunkCount = await db.Chunks.CountAsync(c => c.BotId == id, cancellationToken);

        if (!string.IsNullOrWhiteSpace(q))
        {
            Query = q.Length > SearchApi.MaxQueryLength ? q[..SearchApi.MaxQueryLength] : q;
            Top = Math.Clamp(top, 1, KnowledgeSearch.MaxTop);
            Hits = await search.SearchAsync(bot, Query, Top, cancellationToken);
        }

        return Page();
    }

    /// <summary>
    /// A widget session for the owner's preview on this page: the same JSON as the public route, minted for this site
    /// (not a listed one), so the preview works before any site is allowed.
    /// </summary>
    public async Task<IActionResult> OnPostWidgetSessionAsync(Guid id, [FromBody] PreviewRequest? request, CancellationToken cancellationToken)
    {
        if (await bots.FindAsync(users.GetUserId(User)!, id, cancellationToken) is not { } bot)
        {
            return NotFound();
        }

        var site = WidgetApi.SiteOrigin(Request);
        return new JsonResult(widgetSessions.Mint(bot, site, request?.VisitorId, preview: true, site));
    }

    public sealed record PreviewRequest(string? VisitorId);
}
