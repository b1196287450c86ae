using System.Security.Cryptography;
using System.Text;
using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using ChatSphere.Web.Infrastructure.KeyEncryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ChatSphere.Web.Auth;

/// <summary>
/// Holds the JWT signing key: the configured one, or one generated once and shared through the database (encrypted
/// there when DataProtection:Certificate is set).
/// </summary>
public sealed class JwtKeyRing(IOptions<JwtOptions> options, AppSecretProtector secrets)
{
    private const string SecretName = "jwt-signing-key";
    private SymmetricSecurityKey? _key;

    public SymmetricSecurityKey Key =>
        _key ?? throw new InvalidOperationException("The JWT signing key is not loaded; call LoadAsync at start.");

    public async Task LoadAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrEmpty(options.Value.SigningKey))
        {
            _key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.Value.SigningKey));
            return;
        }

        var secret = await db.AppSecrets.AsNoTracking().FirstOrDefaultAsync(s => s.Name == SecretName, cancellationToken);
        if (secret is null)
        {
            // Several instances may race here: the first insert wins, the others read it back.
            var value = secrets.Protect(SecretName, Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));
            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "AppSecrets" ("Name", "Value", "CreatedAt") VALUES ({SecretName}, {value}, now()) ON CONFLICT DO NOTHING""",
                cancellationToken);
            secret = await db.AppSecrets.AsNoTracking().FirstAsync(s => s.Name == SecretName, cancellationToken);
        }

        var plain = secrets.Unprotect(SecretName, secret.Value);
        _key = new SymmetricSecurityKey(Convert.FromBase64String(plain));
        if (secrets.Enabled && !AppSecretProtector.IsProtected(secret.Value))
        {
            // Stored before a certificate was configured: encrypt it now (once, if several instances start together).
            var stored = secrets.Protect(SecretName, plain);
            await db.Database.ExecuteSqlAsync(
                $"""UPDATE "AppSecrets" SET "Value" = {stored} WHERE "Name" = {SecretName} AND "Value" = {secret.Value}""",
                cancellationToken);
        }
    }
}
