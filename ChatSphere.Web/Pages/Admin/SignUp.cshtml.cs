using System.ComponentModel.DataAnnotations;
using ChatSphere.Core.Accounts;
using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using ChatSphere.Web.Auth;
using ChatSphere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChatSphere.Web.Pages.Admin;

/// <summary>The sign-up mode (stored, winning over Registration:Mode) and invitations: made, listed, revoked.</summary>
public sealed class SignUpModel(SignUpPolicies policies, Invitations invitations, AppDbContext db) : PageModel
{
    private TimeZoneInfo _timeZone = TimeZoneInfo.Utc;

    public SignUpSetting Setting { get; private set; } = new(SignUpMode.InviteOnly, SignUpSource.Default);

    public SignUpMode? Configured => policies.Configured;

    public List<InvitationSummary> List { get; private set; } = [];

    [BindProperty]
    public InviteInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>The link of the invitation just made, shown once to copy (only its hash is stored).</summary>
    [TempData]
    public string? NewLink { get; set; }

    public string LocalTime(DateTimeOffset time) => UserTimeZone.Format(time, _timeZone);

    public async Task OnGetAsync()
    {
        Input.Days = invitations.DefaultDays;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostModeAsync(SignUpMode mode)
    {
        if (!Enum.IsDefined(mode))
        {
            StatusMessage = "Error: choose InviteOnly, Approval or Open.";
            return RedirectToPage();
        }

        await policies.SetAsync(mode, User.GetUserId(), HttpContext.RequestAborted);
        StatusMessage = $"Sign-up mode is now {mode}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostResetAsync()
    {
        await policies.ClearAsync(HttpContext.RequestAborted);
        StatusMessage = "Sign-up mode now follows the configuration.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostInviteAsync()
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var token = await invitations.CreateAsync(Input.Email, Input.Days, User.GetUserId(), HttpContext.RequestAborted);
        if (token is null)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Email)}", "An account with this email already exists.");
            await LoadAsync();
            return Page();
        }

        // The seam for mailing it later: this URL is the whole invitation.
        NewLink = Url.Page("/Account/Register", pageHandler: null, values: new { area = "Identity", invite = token }, protocol: Request.Scheme);
        StatusMessage = $"Invited {Input.Email}. Copy the link below and send it to them: it is shown only once.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        StatusMessage = await invitations.RevokeAsync(id, HttpContext.RequestAborted)
            ? "Invitation revoked: its link no longer works."
            : "Error: that invitation was already used or revoked.";
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Setting = await policies.CurrentAsync(HttpContext.RequestAborted);
        List = await invitations.ListAsync(HttpContext.RequestAborted);
        _timeZone = await UserTimeZone.FindAsync(db, User.GetUserId(), HttpContext.RequestAborted);
    }

    public sealed class InviteInput
    {
        [Required]
        [EmailAddress]
        [StringLength(256)]
        public string Email { get; set; } = "";

        [Range(1, Invitation.MaxDays, ErrorMessage = "An invitation lasts between {1} and {2} days.")]
        [Display(Name = "Valid for (days)")]
        public int Days { get; set; }
    }
}
