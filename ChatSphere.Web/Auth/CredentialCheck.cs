using ChatSphere.Core.Domain;
using Microsoft.AspNetCore.Identity;

namespace ChatSphere.Web.Auth;

/// <summary>
/// The token endpoint's checks of a password and a two-factor code. Unlike SignInManager's, a wrong password here
/// never counts towards the account's lockout: whoever knew an email could otherwise lock its owner out. The caller's
/// address is limited instead (<see cref="FailedSignIns"/>).
/// </summary>
public sealed class CredentialCheck(UserManager<AppUser> users, IPasswordHasher<AppUser> hasher, DecoyPassword decoy)
{
    /// <summary>The account when the password is its own, else null, after the same hash work either way.</summary>
    public async Task<AppUser?> PasswordAsync(string email, string password)
    {
        var user = await users.FindByEmailAsync(email);
        if (user?.PasswordHash is null)
        {
            decoy.Verify(hasher, password);
            return null;
        }

        // UserManager's check: a hash made with fewer iterations than configured is upgraded on success.
        return await users.CheckPasswordAsync(user, password) ? user : null;
    }

    /// <summary>A code from the authenticator app, or one of the recovery codes (each works once).</summary>
    public async Task<bool> TwoFactorCodeAsync(AppUser user, string code)
    {
        // As Identity's own two-factor pages: authenticator codes without separators, recovery codes with their dash.
        var authenticatorCode = code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, authenticatorCode))
        {
            return true;
        }

        return (await users.RedeemTwoFactorRecoveryCodeAsync(user, code.Replace(" ", "", StringComparison.Ordinal))).Succeeded;
    }
}
