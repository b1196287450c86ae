using System.Security.Claims;
using System.Text.Encodings.Web;
using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using ChatSphere.Web.OpenAi;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatSphere.Web.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer csk_…</c> as the key's owner, with the claims a JWT gives. Looked up on every
/// request, so a revoked key, or an account an Admin locked, stops working at once. Identity's automatic lockout after
/// failed passwords does not stop keys: anyone who knows an owner's email could cause it.
/// </summary>
public sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AppDbContext db,
    SignInManager<AppUser> signIn,
    TimeProvider clock,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>Last use is written at most this often per key, not on every request.</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    public const string KeyIdClaim = "api_key_id";

    private const string BearerPrefix = "Bearer ";

    /// <summary>The API key in the Authorization header, or null when it carries something else (a JWT, nothing).</summary>
    public static string? KeyOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[BearerPrefix.Length..].Trim();
        return token.StartsWith(ApiKey.KeyPrefix, StringComparison.Ordinal) ? token : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (KeyOf(Request) is not { } key)
        {
            return AuthenticateResult.NoResult();
        }

        // A unique index on the SHA-256 of a 256-bit secret: the lookup leaks nothing a timing attack could use.
        var hash = ApiKey.HashOf(key);
        var found = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Hash == hash && k.RevokedAt == null)
            .Join(db.Users, k => k.UserId, u => u.Id, (k, u) => new
            {
                k.Id,
                k.LastUsedAt,
                User = u,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToList(),
            })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (found is null)
        {
            return AuthenticateResult.Fail("This API key is not valid, or it was revoked.");
        }

        if (AccountLock.IsDisabledByAdmin(found.User.LockoutEnd))
        {
            return AuthenticateResult.Fail("An administrator has locked this account: its API keys do not work.");
        }

        // Unconfirmed or unapproved accounts (the sign-in options' rules), checked on the row already loaded.
        if (!await signIn.CanSignInAsync(found.User))
        {
            return AuthenticateResult.Fail("This account may not sign in yet: it awaits confirmation or an administrator's approval.");
        }

        var now = clock.GetUtcNow();
        if (found.LastUsedAt is null || now - found.LastUsedAt >= LastUseResolution)
        {
            await RecordUseAsync(found.Id, now);
        }

        // The same claim types as a JWT after JwtBearer's inbound mapping (sub, email, role).
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, found.User.Id),
            new(ClaimTypes.Email, found.User.Email ?? ""),
            new(KeyIdClaim, found.Id.ToString()),
            .. found.Roles.Select(role => new Claim(ClaimTypes.Role, role!)),
        ];
        var identity = new ClaimsIdentity(claims, Scheme.Name, ClaimTypes.Email, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        if (Request.Path.StartsWithSegments("/v1"))
        {
            return; // The OpenAI-compatible routes write OpenAI's error shape for a bare 401 (OpenAiCompatibleApi.WriteStatusErrorAsync).
        }

        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Invalid API key",
                Detail = result.Failure?.Message ?? "Send a valid API key or JWT as the bearer token.",
            },
        });
    }

    /// <summary>Conditional, so concurrent requests and other instances write at most once per resolution.</summary>
    private Task RecordUseAsync(Guid keyId, DateTimeOffset now)
    {
        var staleBefore = now - LastUseResolution;
        return db.ApiKeys
            .Where(k => k.Id == keyId && (k.LastUsedAt == null || k.LastUsedAt <= staleBefore))
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
    }
}
