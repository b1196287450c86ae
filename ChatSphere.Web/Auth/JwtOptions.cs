using System.ComponentModel.DataAnnotations;

namespace ChatSphere.Web.Auth;

public sealed class JwtOptions
{
    public const string SectionName = "Jwt";

    [Required]
    public string Issuer { get; set; } = "chatsphere";

    [Required]
    public string Audience { get; set; } = "chatsphere-api";

    /// <summary>At least 32 characters. When empty, a key is generated once and kept in the database.</summary>
    [MinLength(32, ErrorMessage = "Jwt:SigningKey must be at least 32 characters; leave it empty to let ChatSphere generate one.")]
    public string? SigningKey { get; set => field = string.IsNullOrWhiteSpace(value) ? null : value; }

    [Range(5, 24 * 60)]
    public int LifetimeMinutes { get; set; } = 60;
}
