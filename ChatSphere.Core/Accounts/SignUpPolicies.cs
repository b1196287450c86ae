using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatSphere.Core.Accounts;

/// <summary>The sign-up mode: chosen on the admin page (stored, one row), else Registration:Mode, else the default.</summary>
public sealed class SignUpPolicies(AppDbContext db, IOptions<RegistrationOptions> options, TimeProvider clock)
{
    public SignUpMode? Configured => options.Value.Mode;

    public async Task<SignUpSetting> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var chosen = await db.SignUpPolicy.AsNoTracking().Select(p => (SignUpMode?)p.Mode).FirstOrDefaultAsync(cancellationToken);
        var adminExists = chosen is null && Configured is null && await AdminExistsAsync(cancellationToken);
        var source = chosen is not null ? SignUpSource.AdminPage
            : Configured is not null ? SignUpSource.Configuration
            : SignUpSource.Default;
        return new SignUpSetting(SignUpRules.EffectiveMode(chosen, Configured, adminExists), source);
    }

    /// <summary>Stores an Admin's choice, which wins over configuration from now on.</summary>
    public Task SetAsync(SignUpMode mode, string adminId, CancellationToken cancellationToken = default) =>
        AccountsLock.RunAsync(db, async () =>
        {
            var row = await db.SignUpPolicy.FirstOrDefaultAsync(cancellationToken);
            if (row is null)
            {
                row = new SignUpPolicy();
                db.SignUpPolicy.Add(row);
            }

            row.Mode = mode;
            row.UpdatedById = adminId;
            row.UpdatedAt = clock.GetUtcNow();
            return await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>Forgets the Admin's choice: configuration (or the default) decides again.</summary>
    public Task ClearAsync(CancellationToken cancellationToken = default) =>
        db.SignUpPolicy.ExecuteDeleteAsync(cancellationToken);

    private Task<bool> AdminExistsAsync(CancellationToken cancellationToken) =>
        db.UserRoles.AnyAsync(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin), cancellationToken);
}
