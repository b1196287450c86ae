namespace ChatSphere.Core.Domain;

public sealed class UserProfile
{
    public const int MaxAvatarBytes = 512 * 1024;

    public required string UserId { get; set; }

    public string DisplayName { get; set; } = "";

    /// <summary>A small image kept in the database so every instance can serve it.</summary>
    public byte[]? Avatar { get; set; }

    public string? AvatarContentType { get; set; }

    /// <summary>An IANA time zone id, used to show dates in the owner's local time.</summary>
    public string TimeZone { get; set; } = "UTC";

    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
