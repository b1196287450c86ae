using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Core.Accounts;

/// <summary>Creates accounts from the register page under the sign-up policy (<see cref="SignUpRules"/>).</summary>
public sealed class SignUps(
    AppDbContext db,
    UserManager<AppUser> users,
    SignUpPolicies policies,
    TimeProvider clock,
    ILogger<SignUps> logger)
{
    /// <summary>What the register page may do now for this invitation token (or none).</summary>
    public async Task<SignUpCheck> CheckAsync(string? inviteToken, CancellationToken cancellationToken = default)
    {
        var firstAccount = !await db.Users.AnyAsync(cancellationToken);
        var setting = await policies.CurrentAsync(cancellationToken);
        Invitation? invitation = null;
        InvitationStatus? status = null;
        if (!string.IsNullOrEmpty(inviteToken))
        {
            var hash = Invitation.HashOf(inviteToken);
            invitation = await db.Invitations.FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
            status = invitation?.StatusAt(clock.GetUtcNow()) ?? InvitationStatus.Unknown;
        }

        return new SignUpCheck(SignUpRules.Decide(setting.Mode, firstAccount, status), invitation);
    }

    /// <summary>
    /// Decides again and creates the account in one transaction under the accounts lock: the first account becomes
    /// Admin exactly once, and an invitation is consumed exactly once. With an invitation the email is the invitation's.
    /// </summary>
    public Task<SignUpResult> RegisterAsync(string email, string password, string? inviteToken, CancellationToken cancellationToken = default) =>
        AccountsLock.RunAsync(db, async () =>
        {
            var (decision, invitation) = await CheckAsync(inviteToken, cancellationToken);
            if (!decision.Allowed)
            {
                return new SignUpResult(decision, null, [decision.Reason!]);
            }

            var now = clock.GetUtcNow();
            email = invitation?.Email ?? email;
            var user = new AppUser
            {
                UserName = email,
                Email = email,
                CreatedAt = now,
                // The invitation link reached this address.
                EmailConfirmed = decision.Outcome == SignUpOutcome.Invited,
                AwaitingApprovalSince = decision.Outcome == SignUpOutcome.AwaitingApproval ? now : null,
            };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return new SignUpResult(decision, null, [.. created.Errors.Select(e => e.Description)]);
            }

            if (decision.Outcome == SignUpOutcome.FirstAdmin)
            {
                var granted = await users.AddToRoleAsync(user, Roles.Admin);
                if (!granted.Succeeded)
                {
                    // Thrown, so the transaction rolls the account back: a first account without the role would lock the site.
                    throw new InvalidOperationException("Could not make the first account Admin: " +
                        string.Join(" ", granted.Errors.Select(e => e.Description)));
                }
            }

            if (invitation is not null)
            {
                invitation.AcceptedAt = now;
                invitation.AcceptedUserId = user.Id;
                await db.SaveChangesAsync(cancellationToken);
            }

            logger.LogInformation("Account {UserId} signed up ({Outcome})", user.Id, decision.Outcome);
            return new SignUpResult(decision, user, []);
        }, cancellationToken);
}
