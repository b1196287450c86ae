using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using ChatSphere.Web.Bots;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.Web.Pages.Bots.Documents;

/// <summary>A document's chunks as the bot retrieves them: text, place in the document, tokens, model.</summary>
public sealed class ChunksModel(AppDbContext db) : PageModel
{
    private const int PageSize = 50;

    public Bot Bot => HttpContext.Bot();

    public Document Document { get; private set; } = null!;

    public List<Chunk> Chunks { get; private set; } = [];

    public int Total { get; private set; }

    public int PageNumber { get; private set; }

    public int Pages => (Total + PageSize - 1) / PageSize;

    public async Task<IActionResult> OnGetAsync(Guid id, int p = 1)
    {
        var document = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.BotId == Bot.Id);
        if (document is null)
        {
            return NotFound();
        }

        Document = document;
        Total = await db.Chunks.CountAsync(c => c.DocumentId == id);
        PageNumber = Math.Clamp(p, 1, Math.Max(1, Pages));
        Chunks = await db.Chunks.AsNoTracking().Where(c => c.DocumentId == id).OrderBy(c => c.Ordinal)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync();
        return Page();
    }
}
