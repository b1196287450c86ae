namespace ChatSphere.Core.Domain;

/// <summary>A secret the app generates for itself when none is configured (e.g. the JWT signing key).</summary>
public sealed class AppSecret
{
    public required string Name { get; set; }

    /// <summary>The secret, or a Data Protection payload of it when the keys are encrypted (DataProtection:Certificate).</summary>
    public required string Value { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
