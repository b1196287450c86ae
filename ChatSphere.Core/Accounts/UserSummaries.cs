using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.Core.Accounts;

/// <summary>Every account with what it uses, from the tables as they are, in one query.</summary>
public sealed class UserSummaries(AppDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    public Task<List<UserSummary>> ListAsync(CancellationToken cancellationToken = default) =>
        SummariesAsync(db.Users.OrderBy(u => u.Email), cancellationToken);

    public async Task<UserSummary?> FindAsync(string userId, CancellationToken cancellationToken = default) =>
        (await SummariesAsync(db.Users.Where(u => u.Id == userId), cancellationToken)).SingleOrDefault();

    private async Task<List<UserSummary>> SummariesAsync(IQueryable<AppUser> accounts, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow() - Window;
        var rows = await accounts.AsNoTracking()
            .Select(u => new
            {
                u.Id,
                u.Email,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
                u.CreatedAt,
                u.LockoutEnd,
                u.AwaitingApprovalSince,
                Bots = db.Bots.Count(b => b.OwnerId == u.Id),
                Documents = db.Documents.Count(d => d.Bot!.OwnerId == u.Id),
                StoredBytes = db.Documents.Where(d => d.Bot!.OwnerId == u.Id).Sum(d => d.Size),
                // Questions put to the account's bots on every channel, and the model tokens their answers cost.
                Questions = db.Messages.Count(m => m.Role == MessageRole.User && m.CreatedAt >= since && m.Conversation!.Bot!.OwnerId == u.Id),
                ModelTokens = db.Messages.Where(m => m.CreatedAt >= since && m.Conversation!.Bot!.OwnerId == u.Id)
                    .Sum(m => (long)(m.InputTokens ?? 0) + (m.OutputTokens ?? 0)),
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new UserSummary(r.Id, r.Email ?? r.Id, r.Roles, r.CreatedAt, r.LockoutEnd, r.AwaitingApprovalSince,
            r.Bots, r.Documents, r.StoredBytes, r.Questions, r.ModelTokens))];
    }
}
