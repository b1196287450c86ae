using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ChatSphere.Web.Auth;

/// <summary>
/// Ties a JWT to its account's security stamp, which Identity changes on a password change, an Admin's lock and "sign
/// out everywhere": a token whose stamp is no longer the account's is refused. The database is asked at most once per
/// user per <see cref="AuthOptions.SecurityStampCacheSeconds"/>.
/// </summary>
public sealed class TokenStamps(IMemoryCache cache, IOptions<AuthOptions> options)
{
    public const string ClaimType = "sst";

    public const string RevokedMessage =
        "This token was revoked: the account's password changed, it was locked, or it was signed out everywhere.";

    /// <summary>
    /// A digest, not the stamp: a JWT's payload is readable by whoever holds it, and Identity derives its email and
    /// phone codes from the stamp.
    /// </summary>
    public static string Digest(string? stamp) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(stamp ?? "")));

    public async Task ValidateAsync(TokenValidatedContext context)
    {
        var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var claimed = context.Principal?.FindFirstValue(ClaimType);
        if (userId is null || claimed is null)
        {
            context.Fail(RevokedMessage);
            return;
        }

        var db = context.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
        var cancellationToken = context.HttpContext.RequestAborted;
        // On a mismatch, ask again past the cache: a token made after the cached stamp changed is good.
        if (claimed != await CurrentAsync(db, userId, fresh: false, cancellationToken)
            && claimed != await CurrentAsync(db, userId, fresh: true, cancellationToken))
        {
            context.Fail(RevokedMessage);
        }
    }

    /// <summary>The digest of the user's current stamp, or null when the account is gone or an Admin locked it.</summary>
    private async Task<string?> CurrentAsync(AppDbContext db, string userId, bool fresh, CancellationToken cancellationToken)
    {
        var key = (nameof(TokenStamps), userId);
        if (!fresh && cache.TryGetValue(key, out string? cached))
        {
            return cached;
        }

        var account = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.LockoutEnd })
            .FirstOrDefaultAsync(cancellationToken);
        // The lock itself too, should a stamp update ever be left out of locking.
        var current = account is null || AccountLock.IsDisabledByAdmin(account.LockoutEnd) ? null : Digest(account.SecurityStamp);
        var lifetime = TimeSpan.FromSeconds(options.Value.SecurityStampCacheSeconds);
        if (lifetime > TimeSpan.Zero)
        {
            // Size 1: the host's cache may be given a size limit, which then requires a size on every entry.
            cache.Set(key, current, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime, Size = 1 });
        }

        return current;
    }
}
