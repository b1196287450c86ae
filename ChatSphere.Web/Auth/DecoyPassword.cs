using System.Security.Cryptography;
using ChatSphere.Core.Domain;
using Microsoft.AspNetCore.Identity;

namespace ChatSphere.Web.Auth;

/// <summary>
/// Stands in for an account that does not exist: verifying a password against this hash costs what a real account's
/// check costs (same hasher, same iteration count), so the time of an answer does not tell whether an email is known.
/// </summary>
public sealed class DecoyPassword
{
    private string? _hash;

    public void Verify(IPasswordHasher<AppUser> hasher, string password)
    {
        // Made once, by the hasher in use, from a secret nobody knows: no password ever matches it.
        var hash = LazyInitializer.EnsureInitialized(ref _hash,
            () => hasher.HashPassword(new AppUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        hasher.VerifyHashedPassword(new AppUser(), hash, password);
    }
}
