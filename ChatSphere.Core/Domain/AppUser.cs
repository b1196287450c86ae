using Microsoft.AspNetCore.Identity;

namespace ChatSphere.Core.Domain;

/// <summary>An account. Deleting it deletes its profile, bots and everything under them.</summary>
public sealed class AppUser : IdentityUser
{
    public UserProfile? Profile { get; set; }

    public List<Bot> Bots { get; set; } = [];
}
