using System.Xml.Linq;
using ChatSphere.Core.Data;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatSphere.Web.Infrastructure.KeyEncryption;

/// <summary>
/// Encrypts Data Protection keys that were stored before a certificate was configured. ASP.NET Core encrypts only the
/// keys it creates, and reads plain ones forever; this rewrites them in place as it would have written them.
/// </summary>
public sealed class StoredKeyProtection(AppDbContext db, IOptions<KeyManagementOptions> keyManagement, ILogger<StoredKeyProtection> logger)
{
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName RequiresEncryption = DataProtection + "requiresEncryption";

    public async Task ProtectPlainKeysAsync(CancellationToken cancellationToken = default)
    {
        if (keyManagement.Value.XmlEncryptor is not { } encryptor)
        {
            return;
        }

        var protectedCount = 0;
        foreach (var key in await db.DataProtectionKeys.ToListAsync(cancellationToken))
        {
            var element = XElement.Parse(key.Xml!);
            var secrets = element.DescendantsAndSelf().Where(e => (bool?)e.Attribute(RequiresEncryption) == true).ToList();
            foreach (var secret in secrets)
            {
                // The shape XmlKeyManager writes: <encryptedSecret decryptorType="..."> around the encryptor's output.
                var encrypted = encryptor.Encrypt(new XElement(secret));
                secret.ReplaceWith(new XElement(DataProtection + "encryptedSecret",
                    new XAttribute("decryptorType", encrypted.DecryptorType.AssemblyQualifiedName!),
                    encrypted.EncryptedElement));
            }

            if (secrets.Count > 0)
            {
                key.Xml = element.ToString(SaveOptions.DisableFormatting);
                protectedCount++;
            }
        }

        if (protectedCount > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Encrypted {KeyCount} Data Protection keys stored before a certificate was configured", protectedCount);
        }
    }
}
