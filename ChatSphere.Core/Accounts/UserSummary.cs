namespace ChatSphere.Core.Accounts;

/// <summary>An account as the Admin's users page lists it, with its usage over <see cref="UserSummaries.Window"/>.</summary>
public sealed record UserSummary(
    string Id,
    string Email,
    IReadOnlyList<string> Roles,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? LockoutEnd,
    DateTimeOffset? AwaitingApprovalSince,
    int Bots,
    int Documents,
    long StoredBytes,
    int Questions,
    long ModelTokens)
{
    public AccountStatus StatusAt(DateTimeOffset now) =>
        LockoutEnd > now ? AccountStatus.Locked
        : AwaitingApprovalSince is not null ? AccountStatus.AwaitingApproval
        : AccountStatus.Active;
}
