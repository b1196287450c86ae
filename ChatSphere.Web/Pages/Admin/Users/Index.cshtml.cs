using ChatSphere.Core.Accounts;
using ChatSphere.Core.Data;
using ChatSphere.Web.Auth;
using ChatSphere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChatSphere.Web.Pages.Admin.Users;

/// <summary>Every account with its status and usage; approve, lock and unlock here, delete after a confirmation page.</summary>
public sealed class IndexModel(UserSummaries usage, AccountAdmin accounts, AppDbContext db, TimeProvider clock) : PageModel
{
    private TimeZoneInfo _timeZone = TimeZoneInfo.Utc;

    public List<UserSummary> Users { get; private set; } = [];

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public string CurrentUserId => User.GetUserId();

    [TempData]
    public string? StatusMessage { get; set; }

    public string LocalTime(DateTimeOffset time) => UserTimeZone.Format(time, _timeZone);

    public async Task OnGetAsync()
    {
        Users = await usage.ListAsync(HttpContext.RequestAborted);
        _timeZone = await UserTimeZone.FindAsync(db, User.GetUserId(), HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostApproveAsync(string userId) => Done(await accounts.ApproveAsync(userId));

    public async Task<IActionResult> OnPostLockAsync(string userId) =>
        Done(await accounts.LockAsync(User.GetUserId(), userId, HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostUnlockAsync(string userId) => Done(await accounts.UnlockAsync(userId));

    private RedirectToPageResult Done(AccountChange change)
    {
        StatusMessage = change.Succeeded ? change.Message : $"Error: {change.Message}";
        return RedirectToPage();
    }
}
