using ChatSphere.Core.Domain;
using Microsoft.AspNetCore.Identity;

namespace ChatSphere.Core.Accounts;

/// <summary>The site must keep at least one Admin who can sign in.</summary>
public static class AdminGuard
{
    public const string LastAdmin = "the last administrator who can sign in";

    /// <summary>Whether <paramref name="user"/> is an Admin and no other Admin is unlocked.</summary>
    public static async Task<bool> IsLastActiveAdminAsync(UserManager<AppUser> users, AppUser user, DateTimeOffset now)
    {
        if (!await users.IsInRoleAsync(user, Roles.Admin))
        {
            return false;
        }

        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        return !admins.Any(a => a.Id != user.Id && (a.LockoutEnd is null || a.LockoutEnd <= now));
    }
}
