using ChatSphere.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ChatSphere.IntegrationTests.Auth;

/// <summary>Identity's own hasher, with the configured options, noting each password it verifies.</summary>
public sealed class RecordingPasswordHasher(IOptions<PasswordHasherOptions> options, VerifiedPasswords verified) : IPasswordHasher<AppUser>
{
    private readonly PasswordHasher<AppUser> _hasher = new(options);

    public string HashPassword(AppUser user, string password) => _hasher.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        var result = _hasher.VerifyHashedPassword(user, hashedPassword, providedPassword);
        verified.Add(providedPassword, hashedPassword);
        return result;
    }
}
