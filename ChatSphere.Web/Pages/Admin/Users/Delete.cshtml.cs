using ChatSphere.Core.Accounts;
using ChatSphere.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChatSphere.Web.Pages.Admin.Users;

/// <summary>Asks before an account is deleted with everything it owns (a page rather than a script's confirm()).</summary>
public sealed class DeleteModel(UserSummaries usage, AccountAdmin accounts) : PageModel
{
    public UserSummary Account { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string userId)
    {
        if (await usage.FindAsync(userId, HttpContext.RequestAborted) is not { } found)
        {
            return NotFound();
        }

        Account = found;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string userId)
    {
        var change = await accounts.DeleteAsync(User.GetUserId(), userId, HttpContext.RequestAborted);
        TempData["StatusMessage"] = change.Succeeded ? change.Message : $"Error: {change.Message}";
        return RedirectToPage("/Admin/Users/Index");
    }
}
