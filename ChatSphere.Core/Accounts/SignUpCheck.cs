using ChatSphere.Core.Domain;

namespace ChatSphere.Core.Accounts;

/// <summary>The decision for a sign-up, and the invitation it came with (whose email the account must use).</summary>
public sealed record SignUpCheck(SignUpDecision Decision, Invitation? Invitation);
