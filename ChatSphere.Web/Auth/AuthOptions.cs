using System.ComponentModel.DataAnnotations;

namespace ChatSphere.Web.Auth;

/// <summary>Limits on API sign-ins and how quickly a changed account reaches its bearer tokens.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>Failed <c>POST /api/v1/auth/token</c> attempts one client address may make per window before 429.</summary>
    [Range(1, 10_000, ErrorMessage = "Auth:FailedSignInsPerAddress must be between 1 and 10000.")]
    public int FailedSignInsPerAddress { get; set; } = 10;

    [Range(1, 24 * 60, ErrorMessage = "Auth:FailedSignInWindowMinutes must be between 1 and 1440.")]
    public int FailedSignInWindowMinutes { get; set; } = 5;

    /// <summary>
    /// How long a user's security stamp is cached for JWT checks: a password change, a lock or "sign out everywhere"
    /// reaches existing tokens within this time.
    /// </summary>
    [Range(0, 60, ErrorMessage = "Auth:SecurityStampCacheSeconds must be between 0 and 60.")]
    public int SecurityStampCacheSeconds { get; set; } = 30;
}
