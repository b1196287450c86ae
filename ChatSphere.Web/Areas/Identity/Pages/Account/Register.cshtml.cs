using System.ComponentModel.DataAnnotations;
using ChatSphere.Core.Accounts;
using ChatSphere.Core.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChatSphere.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Replaces Identity's stock page: accounts are made under the sign-up policy (<see cref="SignUps"/>), with an
/// invitation link (<c>?invite=</c>) whose email the account takes, or a wait for an Admin's approval.
/// </summary>
[AllowAnonymous]
public sealed class RegisterModel(SignUps signUps, SignInManager<AppUser> signInManager) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The invitation token from the link, kept in the form's action.</summary>
    [BindProperty(SupportsGet = true, Name = "invite")]
    public string? Invite { get; set; }

    public string? ReturnUrl { get; set; }

    public SignUpDecision Decision { get; private set; } = new(SignUpOutcome.Refused);

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(string? returnUrl = null)
    {
        ReturnUrl = returnUrl ?? Url.Content("~/");
        await CheckAsync();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        returnUrl ??= Url.Content("~/");
        ReturnUrl = returnUrl;
        if (!string.IsNullOrEmpty(Invite))
        {
            // The invitation's email is used whatever was posted.
            ModelState.Remove($"{nameof(Input)}.{nameof(Input.Email)}");
        }

        if (!ModelState.IsValid)
        {
            await CheckAsync();
            return Page();
        }

        var result = await signUps.RegisterAsync(Input.Email, Input.Password, Invite, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error);
            }

            await CheckAsync();
            return Page();
        }

        if (result.Decision.Outcome == SignUpOutcome.AwaitingApproval)
        {
            StatusMessage = "Your account was created. An administrator must approve it before you can log in.";
            return RedirectToPage();
        }

        await signInManager.SignInAsync(result.User!, isPersistent: false);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Content("~/"));
    }

    private async Task CheckAsync()
    {
        var check = await signUps.CheckAsync(Invite, HttpContext.RequestAborted);
        Decision = check.Decision;
        if (Decision.Outcome == SignUpOutcome.Invited)
        {
            Input.Email = check.Invitation!.Email;
        }
    }

    public sealed class InputModel
    {
        [Required]
        [EmailAddress]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";

        [Required]
        [StringLength(100, ErrorMessage = "The {0} must be at least {2} and at most {1} characters long.", MinimumLength = 8)]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";

        [DataType(DataType.Password)]
        [Display(Name = "Confirm password")]
        [Compare(nameof(Password), ErrorMessage = "The password and confirmation password do not match.")]
        public string ConfirmPassword { get; set; } = "";
    }
}
