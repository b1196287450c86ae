using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatSphere.Core.Accounts;

/// <summary>An Admin's invitations: made with a link shown once, listed with their status, revoked.</summary>
public sealed class Invitations(
    AppDbContext db,
    UserManager<AppUser> users,
    IOptions<RegistrationOptions> options,
    TimeProvider clock)
{
    /// <summary>How many invitations the admin page lists (newest first).</summary>
    public const int ListLimit = 200;

    public int DefaultDays => options.Value.InvitationDays;

    /// <summary>A new invitation's token (for the link), or null when an account already has that email.</summary>
    public async Task<string?> CreateAsync(string email, int days, string adminId, CancellationToken cancellationToken = default)
    {
        if (await users.FindByEmailAsync(email) is not null)
        {
            return null;
        }

        var (token, row) = Invitation.Create(email.Trim(), adminId, clock.GetUtcNow(), TimeSpan.FromDays(days));
        db.Invitations.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    public async Task<List<InvitationSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var rows = await db.Invitations.AsNoTracking()
            .OrderByDescending(i => i.CreatedAt)
            .Take(ListLimit)
            .Select(i => new { Invitation = i, InvitedBy = db.Users.Where(u => u.Id == i.InvitedById).Select(u => u.Email).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new InvitationSummary(
            r.Invitation.Id, r.Invitation.Email, r.InvitedBy, r.Invitation.CreatedAt, r.Invitation.ExpiresAt, r.Invitation.StatusAt(now)))];
    }

    /// <summary>Withdraws an invitation not used yet; false when there is none such.</summary>
    /// <remarks>Under the accounts lock, so it is either before a sign-up with it (which is refused) or after (no-op).</remarks>
    public Task<bool> RevokeAsync(Guid id, CancellationToken cancellationToken = default) =>
        AccountsLock.RunAsync(db, async () =>
        {
            var now = clock.GetUtcNow();
            return await db.Invitations
                .Where(i => i.Id == id && i.AcceptedAt == null && i.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, now), cancellationToken) == 1;
        }, cancellationToken);
}
