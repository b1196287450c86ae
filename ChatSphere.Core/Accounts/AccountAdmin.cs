using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Ingestion;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Core.Accounts;

/// <summary>
/// An Admin's actions on other accounts. Lock and delete run under the accounts lock with two guards: not your own
/// account, and never the last Admin who can sign in.
/// </summary>
public sealed class AccountAdmin(
    AppDbContext db, UserManager<AppUser> users, BotIndexes botIndexes, TimeProvider clock, ILogger<AccountAdmin> logger)
{
    private static readonly AccountChange Gone = AccountChange.Refused("That account no longer exists.");

    public async Task<AccountChange> ApproveAsync(string userId)
    {
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return Gone;
        }

        user.AwaitingApprovalSince = null;
        Check(await users.UpdateAsync(user));
        logger.LogInformation("Account {UserId} approved", user.Id);
        return AccountChange.Done($"Approved {user.Email}: it can sign in now.");
    }

    /// <summary>Locks indefinitely and renews the security stamp, so its sessions and tokens end too.</summary>
    public Task<AccountChange> LockAsync(string adminId, string userId, CancellationToken cancellationToken = default) =>
        AccountsLock.RunAsync(db, async () =>
        {
            var (user, refusal) = await TargetAsync(adminId, userId, "lock");
            if (user is null)
            {
                return refusal!;
            }

            Check(await users.SetLockoutEnabledAsync(user, true));
            Check(await users.SetLockoutEndDateAsync(user, AccountLock.Indefinite));
            Check(await users.UpdateSecurityStampAsync(user));
            logger.LogInformation("Account {UserId} locked by {AdminId}", user.Id, adminId);
            return AccountChange.Done($"Locked {user.Email}: it cannot sign in, and its sessions and API access stop.");
        }, cancellationToken);

    public async Task<AccountChange> UnlockAsync(string userId)
    {
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return Gone;
        }

        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
        logger.LogInformation("Account {UserId} unlocked", user.Id);
        return AccountChange.Done($"Unlocked {user.Email}.");
    }

    /// <summary>Deletes the account and, by cascade, its profile, keys, bots and everything under them.</summary>
    public async Task<AccountChange> DeleteAsync(string adminId, string userId, CancellationToken cancellationToken = default)
    {
        List<Guid> bots = [];
        var change = await AccountsLock.RunAsync(db, async () =>
        {
            var (user, refusal) = await TargetAsync(adminId, userId, "delete");
            if (user is null)
            {
                return refusal!;
            }

            bots = await db.Bots.Where(b => b.OwnerId == user.Id).Select(b => b.Id).ToListAsync(cancellationToken);
            Check(await users.DeleteAsync(user));
            logger.LogInformation("Account {UserId} deleted by {AdminId}", user.Id, adminId);
            return AccountChange.Done($"Deleted {user.Email} and everything it owned.");
        }, cancellationToken);

        // After the commit, so that the check sees the bots gone: their own indexes are dropped by a job.
        foreach (var bot in bots)
        {
            await botIndexes.QueueIfNeededAsync(bot, cancellationToken);
        }

        return change;
    }

    private async Task<(AppUser? User, AccountChange? Refusal)> TargetAsync(string adminId, string userId, string action)
    {
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return (null, Gone);
        }

        if (user.Id == adminId)
        {
            return (null, AccountChange.Refused($"You cannot {action} your own account."));
        }

        return await AdminGuard.IsLastActiveAdminAsync(users, user, clock.GetUtcNow())
            ? (null, AccountChange.Refused($"You cannot {action} {user.Email}: it is {AdminGuard.LastAdmin}."))
            : (user, null);
    }

    // A failure here is not the Admin's input but a broken store: thrown, so the transaction rolls back.
    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
