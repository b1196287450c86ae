using ChatSphere.Core.Domain;

namespace ChatSphere.Core.Accounts;

/// <summary>A sign-up's outcome: the account when one was made, else the refusal's reason or Identity's errors.</summary>
public sealed record SignUpResult(SignUpDecision Decision, AppUser? User, IReadOnlyList<string> Errors)
{
    public bool Succeeded => User is not null;
}
