using System.Security.Cryptography;
using System.Text;
using ChatSphere.Core.Accounts;

namespace ChatSphere.Core.Domain;

/// <summary>An Admin's invitation to sign up with one email. Only the token's SHA-256 is stored; the link is shown once.</summary>
public sealed class Invitation
{
    public const int MaxDays = 365;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Email { get; set; }

    public required byte[] TokenHash { get; set; }

    /// <summary>The Admin who invited; null once that account is deleted.</summary>
    public string? InvitedById { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    /// <summary>The account made with it; null once that account is deleted.</summary>
    public string? AcceptedUserId { get; set; }

    public InvitationStatus StatusAt(DateTimeOffset now) =>
        AcceptedAt is not null ? InvitationStatus.Accepted
        : RevokedAt is not null ? InvitationStatus.Revoked
        : now >= ExpiresAt ? InvitationStatus.Expired
        : InvitationStatus.Pending;

    /// <summary>A new random token (256 bits) and its row; the caller shows the token once, in the link, and keeps only the row.</summary>
    public static (string Token, Invitation Row) Create(string email, string? invitedById, DateTimeOffset now, TimeSpan lifetime)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, new Invitation
        {
            Email = email, TokenHash = HashOf(token), InvitedById = invitedById, CreatedAt = now, ExpiresAt = now + lifetime,
        });
    }

    // As for API keys: a 256-bit secret needs no stretching.
    public static byte[] HashOf(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
