using System.ComponentModel.DataAnnotations;
using ChatSphere.Core.Domain;
using ChatSphere.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChatSphere.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Replaces the stock Identity login, which signs in with lockoutOnFailure: false: here five failed
/// attempts lock the account for five minutes. An unknown email costs the same password hash work as a known one,
/// and logs name user ids, never emails.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(
    SignInManager<AppUser> signInManager,
    IPasswordHasher<AppUser> hasher,
    DecoyPassword decoy,
    ILogger<LoginModel> logger) : PageModel
{
    public const string AwaitingApproval =
        "Your account is waiting for an administrator's approval. You can log in once it is approved.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? ReturnUrl { get; set; }

    [TempData]
    public string? ErrorMessage { get; set; }

    public async Task OnGetAsync(string? returnUrl = null)
    {
        if (!string.IsNullOrEmpty(ErrorMessage))
        {
            ModelState.AddModelError(string.Empty, ErrorMessage);
        }

        // Start from a clean slate: drop any half-finished external sign-in.
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        ReturnUrl = returnUrl ?? Url.Content("~/");
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        returnUrl ??= Url.Content("~/");
        ReturnUrl = returnUrl;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Email and user name are the same here (the register page sets both); the stock page looks up by name.
        var user = await signInManager.UserManager.FindByNameAsync(Input.Email);
        if (user is null)
        {
            decoy.Verify(hasher, Input.Password);
            ModelState.AddModelError(string.Empty, "Invalid login attempt.");
            return Page();
        }

        var result = await signInManager.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("User {UserId} logged in", user.Id);
            return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Content("~/"));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("./LoginWith2fa", new { ReturnUrl = returnUrl, Input.RememberMe });
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("User {UserId} is locked out", user.Id);
            return RedirectToPage("./Lockout");
        }

        // Refused before the password is checked: the reason is named only to someone who knows the password.
        if (result.IsNotAllowed
            && await signInManager.UserManager.FindByEmailAsync(Input.Email) is { AwaitingApprovalSince: not null } waiting
            && await signInManager.UserManager.CheckPasswordAsync(waiting, Input.Password))
        {
            ModelState.AddModelError(string.Empty, AwaitingApproval);
            return Page();
        }

        ModelState.AddModelError(string.Empty, "Invalid login attempt.");
        return Page();
    }

    public sealed class InputModel
    {
        [Required]
        [EmailAddress]
        public string Email { get; set; } = "";

        [Required]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Display(Name = "Remember me?")]
        public bool RememberMe { get; set; }
    }
}
