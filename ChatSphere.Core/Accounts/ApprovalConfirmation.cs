using ChatSphere.Core.Domain;
using Microsoft.AspNetCore.Identity;

namespace ChatSphere.Core.Accounts;

/// <summary>
/// Identity's "confirmed account" check (SignInOptions.RequireConfirmedAccount): an account waiting for an Admin's
/// approval is refused by SignInManager, on the login page and the token endpoint alike.
/// </summary>
public sealed class ApprovalConfirmation : IUserConfirmation<AppUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<AppUser> manager, AppUser user) =>
        Task.FromResult(user.AwaitingApprovalSince is null);
}
