using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ChatSphere.Web.Infrastructure.KeyEncryption;

/// <summary>Loads DataProtection:Certificate, or stops the start with a message that names the key and the fix.</summary>
public static class KeyCertificate
{
    private const string Key = $"{KeyEncryptionOptions.SectionName}:{nameof(KeyEncryptionOptions.Certificate)}";
    private const string PasswordKey = $"{KeyEncryptionOptions.SectionName}:{nameof(KeyEncryptionOptions.CertificatePassword)}";

    public static X509Certificate2? Load(KeyEncryptionOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Certificate))
        {
            return null;
        }

        var path = options.Certificate;
        if (!File.Exists(path))
        {
            throw Fail($"there is no file at '{path}'. Point it at a PFX file that holds an RSA certificate and its private key");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
        }
        catch (CryptographicException e)
        {
            throw Fail($"'{path}' cannot be read as a PFX file ({e.Message}). Check the file and {PasswordKey} " +
                "(set it in the environment or user-secrets)");
        }

        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
        {
            certificate.Dispose();
            throw Fail($"'{path}' has no RSA private key, which decrypting the keys needs. Export the certificate " +
                "with its private key (an RSA key) to a PFX file");
        }

        return certificate;
    }

    private static InvalidOperationException Fail(string reason) => new(
        $"{Key}: {reason}, or remove {Key} to keep the Data Protection and JWT keys unencrypted in the database.");
}
