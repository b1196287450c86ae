using ChatSphere.Web.Widget;

namespace ChatSphere.Web.Infrastructure;

/// <summary>
/// Response headers that keep owner pages out of frames and scripts to the site's own files. Scoped by path: the
/// widget is embedded on other sites and keeps its own rules (none here beyond nosniff), and the two pages served from
/// packages (the Hangfire dashboard, Swagger UI) get a policy of their own.
/// </summary>
public static class SecurityHeaders
{
    // The rules every policy shares: nothing from elsewhere, no plugins, no <base> or form posts to other sites, no frames.
    private const string Common =
        "default-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Our pages and Identity's: scripts only from files, styles only from files. Bootstrap's icons are data: images.
    /// Two style attributes come from the framework, not from us, and 'unsafe-hashes' allows exactly those two:
    /// <c>display:none</c> (MVC's empty validation summary) and <c>display: inline-block</c> (Identity UI's
    /// Manage/TwoFactorAuthentication).
    /// </summary>
    public const string OwnerPolicy =
        $"{Common}; script-src 'self'; style-src 'self' 'unsafe-hashes' " +
        "'sha256-aqNNdDLnnrDOnTNdkJpYlAxKVJtLt9CtFLklmInuUAE=' 'sha256-UiE/yBK3JdsXD4jYHZMyw+adJqsP3MAQrrZwb1phhG8='";

    /// <summary>Hangfire's dashboard loads its scripts from its own files but writes style attributes all over its markup.</summary>
    public const string DashboardPolicy = $"{Common}; script-src 'self'; style-src 'self' 'unsafe-inline'";

    /// <summary>Swagger UI: its scripts are files served from the package; React writes its styles through the DOM.</summary>
    public const string ApiReferencePolicy = $"{Common}; script-src 'self'; style-src 'self' 'unsafe-inline'";

    public const string DashboardPath = "/hangfire";
    public const string ApiReferencePath = "/docs/api";

    /// <summary>
    /// Adds the headers when the response starts, so error pages re-executed after a cleared response get them too, by
    /// the path the browser asked for (a re-executed error page runs as /Error).
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var path = context.Request.Path;
        context.Response.OnStarting(() =>
        {
            Apply(path, context.Response.Headers);
            return Task.CompletedTask;
        });
        return next(context);
    });

    private static void Apply(PathString path, IHeaderDictionary headers)
    {
        headers.XContentTypeOptions = "nosniff";
        if (IsWidget(path))
        {
            // Loaded by and answering other sites: no frame rules, and their referrer to us is their page's business.
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            return;
        }

        // Owner pages carry bot and document ids in their addresses: other sites never see them.
        headers["Referrer-Policy"] = "same-origin";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = path.StartsWithSegments(DashboardPath) ? DashboardPolicy
            : path.StartsWithSegments(ApiReferencePath) ? ApiReferencePolicy
            : OwnerPolicy;
    }

    private static bool IsWidget(PathString path) =>
        path == WidgetAssetsApi.ScriptPath
        || path.StartsWithSegments("/widget")
        || path.StartsWithSegments("/api/v1/widget");
}
