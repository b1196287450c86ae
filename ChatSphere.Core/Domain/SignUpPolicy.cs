using ChatSphere.Core.Accounts;

namespace ChatSphere.Core.Domain;

/// <summary>The sign-up mode an Admin chose on the admin page (one row, or none): it wins over Registration:Mode.</summary>
public sealed class SignUpPolicy
{
    public const int SingleRowId = 1;

    public int Id { get; set; } = SingleRowId;

    public SignUpMode Mode { get; set; }

    public string? UpdatedById { get; set; }

    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
