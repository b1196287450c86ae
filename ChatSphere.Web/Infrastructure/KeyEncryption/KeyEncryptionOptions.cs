namespace ChatSphere.Web.Infrastructure.KeyEncryption;

/// <summary>
/// The certificate that encrypts the Data Protection keys (cookies, antiforgery tokens) and the generated JWT signing
/// key where they are stored, in PostgreSQL. Unset, they are stored unencrypted, as ASP.NET Core does by default.
/// </summary>
public sealed class KeyEncryptionOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>Path to a PFX (PKCS#12) file holding an RSA certificate with its private key.</summary>
    public string? Certificate { get; set; }

    /// <summary>The PFX file's password: from the environment or user-secrets, never appsettings.json.</summary>
    public string? CertificatePassword { get; set; }
}
