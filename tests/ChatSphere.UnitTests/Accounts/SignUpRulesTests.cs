using ChatSphere.Core.Accounts;

namespace ChatSphere.UnitTests.Accounts;

public sealed class SignUpRulesTests
{
    [Theory]
    [InlineData(SignUpMode.InviteOnly)]
    [InlineData(SignUpMode.Approval)]
    [InlineData(SignUpMode.Open)]
    public void The_first_account_becomes_Admin_whatever_the_mode(SignUpMode mode) =>
        Assert.Equal(SignUpOutcome.FirstAdmin, SignUpRules.Decide(mode, firstAccount: true, invitation: null).Outcome);

    [Theory]
    [InlineData(SignUpMode.InviteOnly, SignUpOutcome.Refused)]
    [InlineData(SignUpMode.Approval, SignUpOutcome.AwaitingApproval)]
    [InlineData(SignUpMode.Open, SignUpOutcome.Open)]
    public void Without_an_invitation_the_mode_decides(SignUpMode mode, SignUpOutcome expected) =>
        Assert.Equal(expected, SignUpRules.Decide(mode, firstAccount: false, invitation: null).Outcome);

    [Fact]
    public void Invite_only_without_an_invitation_says_sign_up_is_by_invitation()
    {
        var decision = SignUpRules.Decide(SignUpMode.InviteOnly, firstAccount: false, invitation: null);
        Assert.False(decision.Allowed);
        Assert.Equal(SignUpRules.InvitationRequired, decision.Reason);
    }

    [Theory]
    [InlineData(SignUpMode.InviteOnly)]
    [InlineData(SignUpMode.Approval)]
    [InlineData(SignUpMode.Open)]
    public void A_pending_invitation_signs_up_without_approval_in_every_mode(SignUpMode mode) =>
        Assert.Equal(SignUpOutcome.Invited, SignUpRules.Decide(mode, firstAccount: false, InvitationStatus.Pending).Outcome);

    [Theory]
    [InlineData(InvitationStatus.Accepted, "already been used")]
    [InlineData(InvitationStatus.Expired, "expired")]
    [InlineData(InvitationStatus.Revoked, "withdrawn")]
    [InlineData(InvitationStatus.Unknown, "not valid")]
    public void An_unusable_invitation_is_refused_with_its_reason_even_when_sign_up_is_open(InvitationStatus status, string reason)
    {
        var decision = SignUpRules.Decide(SignUpMode.Open, firstAccount: false, status);
        Assert.Equal(SignUpOutcome.Refused, decision.Outcome);
        Assert.Contains(reason, decision.Reason);
    }

    [Theory]
    [InlineData(SignUpMode.Open, SignUpMode.InviteOnly, true, SignUpMode.Open)]
    [InlineData(null, SignUpMode.Approval, true, SignUpMode.Approval)]
    [InlineData(null, null, true, SignUpMode.InviteOnly)]
    [InlineData(null, null, false, SignUpMode.Open)]
    [InlineData(SignUpMode.InviteOnly, null, false, SignUpMode.InviteOnly)]
    public void The_admin_page_wins_over_configuration_which_wins_over_the_default(
        SignUpMode? chosen, SignUpMode? configured, bool adminExists, SignUpMode expected) =>
        Assert.Equal(expected, SignUpRules.EffectiveMode(chosen, configured, adminExists));
}
