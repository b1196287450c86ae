using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.Web.Widget;

/// <summary>
/// CORS for the widget routes, done by hand because the allowed origins are per bot: a response names the site only
/// once that site is known to be on the bot's list, and never allows credentials (the widget sends none).
/// </summary>
public static class WidgetCors
{
    // Bot.PublicKey's column length; and a scheme, a host name of at most 253 characters and a port.
    private const int MaxBotKeyLength = 64;
    private const int MaxOriginLength = 300;

    public static string? OriginOf(HttpRequest request) =>
        request.Headers.Origin is [{ Length: > 0 } origin] ? origin : null;

    /// <summary>Lets the page at <paramref name="origin"/> read this response (and its Retry-After).</summary>
    public static void Allow(HttpResponse response, string origin)
    {
        response.Headers.AccessControlAllowOrigin = origin;
        response.Headers.AccessControlExposeHeaders = "Retry-After";
        response.Headers.Vary = "Origin";
    }

    /// <summary>The bots that list <paramref name="origin"/>, as "{origin} &lt;@ AllowedOrigins", which their GIN index answers.</summary>
    internal static IQueryable<Bot> BotsListing(AppDbContext db, string origin)
    {
        string[] origins = [origin];
        return db.Bots.Where(b => origins.All(o => b.AllowedOrigins.Contains(o)));
    }

    /// <summary>
    /// A preflight carries no body and no token, so it is answered for a site on the list of the bot named in the query
    /// (<c>?botKey=</c>, which the widget adds) or, without one, of any bot; the request itself is then checked in full.
    /// Both are one indexed lookup (the bot's unique key, or the GIN index on every bot's sites), and a key or an origin
    /// longer than any stored one is answered without asking the database.
    /// </summary>
    public static async Task<IResult> PreflightAsync(HttpContext http, AppDbContext db)
    {
        http.Response.Headers.Vary = "Origin";
        if (OriginOf(http.Request) is not { } origin)
        {
            return TypedResults.NoContent();
        }

        var botKey = http.Request.Query["botKey"].ToString();
        var allowed = origin.Length <= MaxOriginLength && botKey.Length <= MaxBotKeyLength && await (botKey == ""
            ? BotsListing(db, origin).AnyAsync(http.RequestAborted)
            : db.Bots.AnyAsync(b => b.PublicKey == botKey && b.AllowedOrigins.Contains(origin), http.RequestAborted));
        if (allowed)
        {
            Allow(http.Response, origin);
            http.Response.Headers.AccessControlAllowMethods = "GET, POST";
            http.Response.Headers.AccessControlAllowHeaders = "authorization, content-type";
            http.Response.Headers.AccessControlMaxAge = "600";
        }

        return TypedResults.NoContent();
    }
}
