namespace ChatSphere.Core.Accounts;

/// <summary>The sign-up policy as pure decisions, so every mode and invitation state is tested without a database.</summary>
public static class SignUpRules
{
    public const string InvitationRequired =
        "Sign-up on this site is by invitation. Ask an administrator for an invitation link.";

    /// <summary>The page's choice, else the configured mode, else InviteOnly once an Admin exists (Open before, as it was).</summary>
    public static SignUpMode EffectiveMode(SignUpMode? chosenOnPage, SignUpMode? configured, bool adminExists) =>
        chosenOnPage ?? configured ?? (adminExists ? SignUpMode.InviteOnly : SignUpMode.Open);

    /// <param name="mode">The effective mode.</param>
    /// <param name="firstAccount">No account exists yet.</param>
    /// <param name="invitation">The status of the invitation whose token came with the request; null when none came.</param>
    public static SignUpDecision Decide(SignUpMode mode, bool firstAccount, InvitationStatus? invitation) => (firstAccount, invitation) switch
    {
        // Someone must be able to administer a new site, whatever the configuration says.
        (true, _) => new(SignUpOutcome.FirstAdmin),
        (_, InvitationStatus.Pending) => new(SignUpOutcome.Invited),
        (_, InvitationStatus.Accepted) => Refused("This invitation has already been used. Log in, or ask an administrator for a new one."),
        (_, InvitationStatus.Expired) => Refused("This invitation has expired. Ask an administrator for a new one."),
        (_, InvitationStatus.Revoked) => Refused("This invitation was withdrawn. Ask an administrator for a new one."),
        (_, InvitationStatus.Unknown) => Refused("This invitation link is not valid. Check that it was copied whole."),
        _ => mode switch
        {
            SignUpMode.Open => new(SignUpOutcome.Open),
            SignUpMode.Approval => new(SignUpOutcome.AwaitingApproval),
            _ => Refused(InvitationRequired),
        },
    };

    private static SignUpDecision Refused(string reason) => new(SignUpOutcome.Refused, reason);
}
