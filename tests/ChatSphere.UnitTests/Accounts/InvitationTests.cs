using ChatSphere.Core.Accounts;
using ChatSphere.Core.Domain;

namespace ChatSphere.UnitTests.Accounts;

public sealed class InvitationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_new_invitation_stores_only_the_hash_of_a_256_bit_token()
    {
        var (token, row) = Invitation.Create("ada@example.test", "admin", Now, TimeSpan.FromDays(7));
        Assert.Equal(43, token.Length); // 32 bytes, base64url without padding
        Assert.Equal(Invitation.HashOf(token), row.TokenHash);
        Assert.DoesNotContain(token, Convert.ToBase64String(row.TokenHash));
        Assert.NotEqual(token, Invitation.Create("ada@example.test", "admin", Now, TimeSpan.FromDays(7)).Token);
        Assert.Equal(Now.AddDays(7), row.ExpiresAt);
    }

    [Fact]
    public void Status_is_pending_until_it_expires_is_used_or_is_revoked()
    {
        var (_, row) = Invitation.Create("ada@example.test", "admin", Now, TimeSpan.FromDays(1));
        Assert.Equal(InvitationStatus.Pending, row.StatusAt(Now.AddHours(23)));
        Assert.Equal(InvitationStatus.Expired, row.StatusAt(Now.AddDays(1)));

        row.RevokedAt = Now.AddHours(1);
        Assert.Equal(InvitationStatus.Revoked, row.StatusAt(Now.AddHours(2)));

        row.AcceptedAt = Now.AddHours(1);
        Assert.Equal(InvitationStatus.Accepted, row.StatusAt(Now.AddDays(2)));
    }

    [Fact]
    public void An_account_is_locked_before_it_is_awaiting_approval()
    {
        var summary = new UserSummary("id", "a@example.test", [], Now, LockoutEnd: null, AwaitingApprovalSince: Now, 0, 0, 0, 0, 0);
        Assert.Equal(AccountStatus.AwaitingApproval, summary.StatusAt(Now));
        Assert.Equal(AccountStatus.Locked, (summary with { LockoutEnd = DateTimeOffset.MaxValue }).StatusAt(Now));
        Assert.Equal(AccountStatus.Active, (summary with { AwaitingApprovalSince = null, LockoutEnd = Now.AddMinutes(-1) }).StatusAt(Now));
    }
}
