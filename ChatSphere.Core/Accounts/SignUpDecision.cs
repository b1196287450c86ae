namespace ChatSphere.Core.Accounts;

/// <summary>What the register page may do; <see cref="Reason"/> says why in plain words when it is refused.</summary>
public sealed record SignUpDecision(SignUpOutcome Outcome, string? Reason = null)
{
    public bool Allowed => Outcome != SignUpOutcome.Refused;
}
