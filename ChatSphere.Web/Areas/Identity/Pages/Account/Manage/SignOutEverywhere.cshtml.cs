using ChatSphere.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChatSphere.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Ends every session of the account: a new security stamp, which other browsers' cookies (SecurityStampValidator) and
/// bearer JWTs (TokenStamps) are checked against within about a minute; this browser is signed out at once.
/// </summary>
public sealed class SignOutEverywhereModel(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    ILogger<SignOutEverywhereModel> logger) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed-in user not found.");
        var updated = await users.UpdateSecurityStampAsync(user);
        if (!updated.Succeeded)
        {
            throw new InvalidOperationException($"Could not update the security stamp: {string.Join(" ", updated.Errors.Select(e => e.Description))}");
        }

        await signIn.SignOutAsync();
        logger.LogInformation("User {UserId} signed out everywhere", user.Id);
        return RedirectToPage("/Account/Login", new { area = "Identity" });
    }
}
