using Microsoft.AspNetCore.Identity;

namespace ChatSphere.Core.Domain;

/// <summary>An account. Deleting it deletes its profile, bots and everything under them.</summary>
public sealed class AppUser : IdentityUser
{
    /// <summary>When the account was made; null for accounts made before this was recorded.</summary>
    public DateTimeOffset? CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Set while the account waits for an Admin's approval (sign-up mode Approval); it cannot sign in until then.</summary>
    public DateTimeOffset? AwaitingApprovalSince { get; set; }

    public UserProfile? Profile { get; set; }

    public List<Bot> Bots { get; set; } = [];
}
