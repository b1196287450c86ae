using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Quotas;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatSphere.Web.Pages.Admin.Users;

/// <summary>An Admin sets one account's quotas: each blank (the configured default), a number, or "unlimited".</summary>
public sealed class QuotasModel(AccountQuotas quotas, AppDbContext db, IOptions<QuotaOptions> options) : PageModel
{
    public const string UnlimitedWord = "unlimited";

    public string Email { get; private set; } = "";

    public List<QuotaUsage> Usage { get; private set; } = [];

    public QuotaLimits Defaults => options.Value.Limits;

    /// <summary>The overrides as typed: blank, a whole number, or <see cref="UnlimitedWord"/>.</summary>
    [BindProperty]
    public Dictionary<Quota, string?> Input { get; set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(string userId)
    {
        if (!await LoadAsync(userId))
        {
            return NotFound();
        }

        var overrides = await db.AccountQuotas.AsNoTracking().FirstOrDefaultAsync(q => q.UserId == userId);
        Input = Enum.GetValues<Quota>().ToDictionary(q => q, q => Text(Of(overrides, q)));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string userId)
    {
        if (!await LoadAsync(userId))
        {
            return NotFound();
        }

        var parsed = new Dictionary<Quota, long?>();
        foreach (var quota in Enum.GetValues<Quota>())
        {
            if (Parse(Input.GetValueOrDefault(quota)) is var (ok, value) && ok)
            {
                parsed[quota] = value;
            }
            else
            {
                ModelState.AddModelError($"{nameof(Input)}[{quota}]",
                    $"{QuotaText.Name(quota)}: leave it blank for the default, or give a whole number (0 or more) or \"{UnlimitedWord}\".");
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var row = await db.AccountQuotas.FirstOrDefaultAsync(q => q.UserId == userId);
        if (row is null)
        {
            db.AccountQuotas.Add(row = new AccountQuota { UserId = userId });
        }

        (row.MessagesPerMinute, row.MessagesPerDay, row.TokensPerDay, row.Documents, row.StoredBytes, row.Bots) = (
            parsed[Quota.MessagesPerMinute], parsed[Quota.MessagesPerDay], parsed[Quota.TokensPerDay],
            parsed[Quota.Documents], parsed[Quota.StoredBytes], parsed[Quota.Bots]);
        row.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync();
        StatusMessage = $"Quotas of {Email} saved.";
        return RedirectToPage(new { userId });
    }

    /// <summary>(true, null) for blank, (true, -1) for unlimited, (true, n) for a whole number; (false, _) otherwise.</summary>
    public static (bool Ok, long? Value) Parse(string? text) => text?.Trim() switch
    {
        null or "" => (true, null),
        var word when word.Equals(UnlimitedWord, StringComparison.OrdinalIgnoreCase) => (true, QuotaLimits.Unlimited),
        var number when long.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) => (true, n),
        _ => (false, null),
    };

    private static string? Text(long? value) => value switch
    {
        null => null,
        QuotaLimits.Unlimited => UnlimitedWord,
        _ => value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static long? Of(AccountQuota? overrides, Quota quota) => overrides is null ? null : quota switch
    {
        Quota.MessagesPerMinute => overrides.MessagesPerMinute,
        Quota.MessagesPerDay => overrides.MessagesPerDay,
        Quota.TokensPerDay => overrides.TokensPerDay,
        Quota.Documents => overrides.Documents,
        Quota.StoredBytes => overrides.StoredBytes,
        _ => overrides.Bots,
    };

    private async Task<bool> LoadAsync(string userId)
    {
        if (await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync() is not { } email)
        {
            return false;
        }

        Email = email;
        Usage = await quotas.UsageAsync(userId);
        return true;
    }
}
