using System.Security.Cryptography;
using System.Text;

namespace ChatSphere.Core.Domain;

/// <summary>An owner's key for the API. Only its SHA-256 is stored; the key itself is shown once, when created.</summary>
public sealed class ApiKey
{
    public const string KeyPrefix = "csk_";
    public const int NameMaxLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string UserId { get; set; }

    public required string Name { get; set; }

    /// <summary>The key's first characters, enough to recognise it in a list.</summary>
    public required string Prefix { get; set; }

    public required byte[] Hash { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>A new random key (256 bits) and its row; the caller shows the key once and keeps only the row.</summary>
    public static (string Key, ApiKey Row) Create(string userId, string name)
    {
        var key = KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (key, new ApiKey { UserId = userId, Name = name, Prefix = key[..12], Hash = HashOf(key) });
    }

    // A plain SHA-256 is enough: the key has 256 bits of entropy, so there is nothing to stretch.
    public static byte[] HashOf(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
