using System.Globalization;
using System.Security.Cryptography;
using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace ChatSphere.Web.Widget;

/// <summary>What other sites load from ChatSphere for the widget: the script itself and each bot's avatar.</summary>
public static class WidgetAssetsApi
{
    public const string ScriptPath = "/widget.js";

    public static IEndpointRouteBuilder MapWidgetAssets(this IEndpointRouteBuilder app)
    {
        app.MapGet(ScriptPath, Script)
            .WithTags("Widget")
            .AllowAnonymous()
            .WithSummary("The widget's script for other sites' pages; with ?v= of the current version it may be cached for good.")
            .Produces(StatusCodes.Status200OK, contentType: "text/javascript")
            .Produces(StatusCodes.Status304NotModified);
        app.MapGet("/widget/avatar/{publicKey}", AvatarAsync)
            .WithTags("Widget")
            .AllowAnonymous()
            .WithSummary("A bot's widget avatar, by its public key; with ?v= of the current version it may be cached for good.")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .Produces(StatusCodes.Status304NotModified)
            .Produces(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>The avatar's address, versioned so that a new picture is a new URL.</summary>
    public static string AvatarUrl(Bot bot, string siteOrigin) =>
        $"{siteOrigin}/widget/avatar/{bot.PublicKey}?v={Version(bot.WidgetAvatarUpdatedAt)}";

    public static async Task<IResult> AvatarAsync(string publicKey, HttpContext http, AppDbContext db)
    {
        var avatar = await (
                from bot in db.Bots
                where bot.PublicKey == publicKey
                join image in db.BotAvatars on bot.Id equals image.BotId
                select new { image.Bytes, image.ContentType, bot.WidgetAvatarUpdatedAt })
            .AsNoTracking()
            .FirstOrDefaultAsync(http.RequestAborted);
        if (avatar is null)
        {
            return TypedResults.NotFound();
        }

        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Cross-Origin-Resource-Policy"] = "cross-origin";
        // Only the current version's URL is immutable; any other may be stale and is revalidated by its ETag.
        headers.CacheControl = http.Request.Query["v"] == Version(avatar.WidgetAvatarUpdatedAt)
            ? "public, max-age=31536000, immutable"
            : "public, max-age=300";
        var tag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(avatar.Bytes))[..20]}\"");
        // The type was sniffed from the bytes at upload; anything else is never served as an image.
        return TypedResults.File(avatar.Bytes, avatar.ContentType, entityTag: tag);
    }

    /// <summary>
    /// Owners' pages load /widget.js by its bare URL, so it is cached briefly and then revalidated by its ETag; a
    /// versioned URL (the bot page's preview) never changes. Pages that require a cross-origin resource policy may load it.
    /// </summary>
    public static IResult Script(HttpContext http)
    {
        var script = WidgetScript.Instance;
        var headers = http.Response.Headers;
        headers.CacheControl = http.Request.Query["v"] == script.Version ? "public, max-age=31536000, immutable" : "public, max-age=300";
        headers.XContentTypeOptions = "nosniff";
        headers["Cross-Origin-Resource-Policy"] = "cross-origin";
        return TypedResults.File(script.Bytes, "text/javascript", entityTag: script.ETag);
    }

    private static string Version(DateTimeOffset? updatedAt) =>
        (updatedAt?.ToUnixTimeMilliseconds() ?? 0).ToString(CultureInfo.InvariantCulture);
}
