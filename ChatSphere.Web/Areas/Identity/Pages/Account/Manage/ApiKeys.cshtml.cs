using System.ComponentModel.DataAnnotations;
using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using ChatSphere.Web.Auth;
using ChatSphere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>The owner's API keys: create one (shown once), see when each was last used, revoke.</summary>
public sealed class ApiKeysModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const int MaxActiveKeys = 20;

    private TimeZoneInfo _timeZone = TimeZoneInfo.Utc;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>
    /// A key just created, carried across the redirect as Identity carries new recovery codes: TempData's cookie is
    /// encrypted by Data Protection and dropped once read, and the redirect keeps a reload from minting a second key.
    /// </summary>
    [TempData]
    public string? NewKey { get; set; }

    public List<ApiKey> Keys { get; private set; } = [];

    public string LocalTime(DateTimeOffset time) => UserTimeZone.Format(time, _timeZone);

    public async Task OnGetAsync()
    {
        if (NewKey is not null)
        {
            Response.Headers.CacheControl = "no-store";
        }

        await LoadAsync();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var userId = User.GetUserId();
        if (ModelState.IsValid && await db.ApiKeys.CountAsync(k => k.UserId == userId && k.RevokedAt == null) >= MaxActiveKeys)
        {
            ModelState.AddModelError("Input.Name", $"You already have {MaxActiveKeys} active keys, the most allowed. Revoke one you no longer use first.");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var (key, row) = ApiKey.Create(userId, Input.Name.Trim());
        db.ApiKeys.Add(row);
        await db.SaveChangesAsync();
        NewKey = key;
        StatusMessage = $"Created the key “{row.Name}”.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        var now = clock.GetUtcNow();
        var userId = User.GetUserId();
        var revoked = await db.ApiKeys.Where(k => k.Id == id && k.UserId == userId && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now));
        if (revoked == 0)
        {
            return NotFound();
        }

        StatusMessage = "Key revoked: requests that send it are now refused.";
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var userId = User.GetUserId();
        Keys = await db.ApiKeys.AsNoTracking().Where(k => k.UserId == userId)
            .OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt)
            .ToListAsync();
        _timeZone = await UserTimeZone.FindAsync(db, userId);
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Name the key after what will use it.")]
        [StringLength(ApiKey.NameMaxLength, ErrorMessage = "A name can be at most {1} characters.")]
        [Display(Name = "Name")]
        public string Name { get; set; } = "";
    }
}
