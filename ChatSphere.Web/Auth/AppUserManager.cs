using ChatSphere.Core.Accounts;
using ChatSphere.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ChatSphere.Web.Auth;

/// <summary>Every new account, however it is created (register page, admin seeding), gets the User role.</summary>
public sealed class AppUserManager(
    IUserStore<AppUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<AppUser>> logger)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> CreateAsync(AppUser user)
    {
        var result = await base.CreateAsync(user);
        return result.Succeeded ? await AddToRoleAsync(user, Roles.User) : result;
    }

    /// <summary>Refuses to delete the last Admin who can sign in, whoever asks (the admin page or the account itself).</summary>
    public override async Task<IdentityResult> DeleteAsync(AppUser user) =>
        await AdminGuard.IsLastActiveAdminAsync(this, user, DateTimeOffset.UtcNow)
            ? IdentityResult.Failed(new IdentityError { Code = "LastAdmin", Description = $"This account is {AdminGuard.LastAdmin}." })
            : await base.DeleteAsync(user);
}
