using System.Security.Claims;
using ChatSphere.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatSphere.Web.Auth;

/// <summary>Issues the API's bearer tokens.</summary>
public sealed class TokenService(JwtKeyRing keys, IOptions<JwtOptions> options, UserManager<AppUser> users, TimeProvider clock)
{
    public async Task<(string Token, DateTimeOffset ExpiresAt)> CreateAsync(AppUser user)
    {
        var now = clock.GetUtcNow();
        var expiresAt = now.AddMinutes(options.Value.LifetimeMinutes);
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, user.Id),
            new(JwtRegisteredClaimNames.Email, user.Email ?? ""),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString()),
            // Checked on every request (TokenStamps): the token dies with the account's current stamp.
            new(TokenStamps.ClaimType, TokenStamps.Digest(user.SecurityStamp)),
        };
        claims.AddRange((await users.GetRolesAsync(user)).Select(role => new Claim("role", role)));

        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            SigningCredentials = new SigningCredentials(keys.Key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expiresAt);
    }
}
