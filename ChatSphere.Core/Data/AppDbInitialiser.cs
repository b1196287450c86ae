using ChatSphere.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChatSphere.Core.Data;

/// <summary>Brings the database to the current schema and makes sure roles and the configured admin exist.</summary>
public sealed class AppDbInitialiser(
    AppDbContext db,
    NpgsqlDataSource dataSource,
    RoleManager<IdentityRole> roles,
    UserManager<AppUser> users,
    IConfiguration configuration,
    ILogger<AppDbInitialiser> logger)
{
    public const string AdminEmailKey = "CHATSPHERE_ADMIN_EMAIL";
    public const string AdminPasswordKey = "CHATSPHERE_ADMIN_PASSWORD";

    public async Task InitialiseAsync(CancellationToken cancellationToken = default)
    {
        // EF Core takes a migration lock, so several instances may start at once.
        await db.Database.MigrateAsync(cancellationToken);

        // The migration may have just created the vector extension: let Npgsql learn its type.
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            await connection.ReloadTypesAsync(cancellationToken);
        }

        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        await EnsureAdminAsync();
    }

    private async Task EnsureAdminAsync()
    {
        var email = configuration[AdminEmailKey];
        var password = configuration[AdminPasswordKey];
        if (string.IsNullOrWhiteSpace(email))
        {
            return;
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            if (string.IsNullOrEmpty(password))
            {
                throw new InvalidOperationException(
                    $"{AdminEmailKey} is set but {AdminPasswordKey} is not: set both to create the admin account.");
            }

            user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
            Check(await users.CreateAsync(user, password), "create the admin account");
            logger.LogInformation("Created the admin account {UserId}", user.Id);
        }

        if (!await users.IsInRoleAsync(user, Roles.Admin))
        {
            Check(await users.AddToRoleAsync(user, Roles.Admin), "grant the Admin role");
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not {what} from {AdminEmailKey}/{AdminPasswordKey}: " +
                string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
