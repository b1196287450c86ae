using System.Security.Cryptography;
using System.Text;
using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ChatSphere.Web.Auth;

/// <summary>Holds the JWT signing key: the configured one, or one generated once and shared through the database.</summary>
public sealed class JwtKeyRing(IOptions<JwtOptions> options)
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
            var value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "AppSecrets" ("Name", "Value", "CreatedAt") VALUES ({SecretName}, {value}, now()) ON CONFLICT DO NOTHING""",
                cancellationToken);
            secret = await db.AppSecrets.AsNoTracking().FirstAsync(s => s.Name == SecretName, cancellationToken);
        }

        _key = new SymmetricSecurityKey(Convert.FromBase64String(secret.Value));
    }
}
