using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace ChatSphere.Web.Infrastructure.KeyEncryption;

/// <summary>
/// Keeps the secrets ChatSphere generates for itself (AppSecrets rows) encrypted through Data Protection whenever its
/// keys are encrypted by a certificate: the database then holds neither in a readable form. Otherwise they stay plain.
/// </summary>
public sealed class AppSecretProtector(IDataProtectionProvider dataProtection, IOptions<KeyManagementOptions> keyManagement)
{
    // Values stored before a certificate was configured have no prefix: they are read as they are, then re-protected.
    private const string Prefix = "protected:";

    public bool Enabled => keyManagement.Value.XmlEncryptor is not null;

    public static bool IsProtected(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);

    public string Protect(string name, string value) => Enabled ? Prefix + Protector(name).Protect(value) : value;

    public string Unprotect(string name, string stored)
    {
        if (!IsProtected(stored))
        {
            return stored;
        }

        try
        {
            return Protector(name).Unprotect(stored[Prefix.Length..]);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                $"The stored secret '{name}' cannot be decrypted: the Data Protection keys it was encrypted with are gone or " +
                $"unreadable. Set {KeyEncryptionOptions.SectionName}:{nameof(KeyEncryptionOptions.Certificate)} to the certificate " +
                "they were encrypted with.", e);
        }
    }

    private IDataProtector Protector(string name) => dataProtection.CreateProtector("ChatSphere.AppSecrets", name);
}
