using Microsoft.AspNetCore.DataProtection;

namespace ChatSphere.Web.Infrastructure.KeyEncryption;

public static class KeyEncryptionExtensions
{
    /// <summary>
    /// With DataProtection:Certificate, the Data Protection keys are encrypted by that certificate before they are
    /// stored, and read back with it (named here too: on Linux the certificate store would not find it otherwise).
    /// </summary>
    public static void AddKeyEncryption(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(KeyEncryptionOptions.SectionName).Get<KeyEncryptionOptions>()
            ?? new KeyEncryptionOptions();
        if (KeyCertificate.Load(options) is { } certificate)
        {
            builder.Services.AddDataProtection()
                .ProtectKeysWithCertificate(certificate)
                .UnprotectKeysWithAnyCertificate(certificate);
        }

        builder.Services.AddSingleton<AppSecretProtector>();
        builder.Services.AddScoped<StoredKeyProtection>();
    }
}
