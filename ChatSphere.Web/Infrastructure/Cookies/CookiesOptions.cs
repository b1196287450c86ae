namespace ChatSphere.Web.Infrastructure.Cookies;

/// <summary>
/// How the site's cookies are marked. By default a cookie is Secure when its request came over HTTPS, which behind a
/// TLS-terminating proxy is true only if that proxy is in Proxy:KnownProxies (its X-Forwarded-Proto is believed).
/// </summary>
public sealed class CookiesOptions
{
    public const string SectionName = "Cookies";

    public const string Prefix = "__Host-";

    /// <summary>
    /// Names the sign-in, two-factor, antiforgery and TempData cookies <c>__Host-…</c>: browsers then accept them only
    /// over HTTPS, for this host alone (no Domain, Path=/), so a sibling subdomain cannot plant or overwrite them.
    /// Implies <see cref="AlwaysSecure"/>; the site must be served over HTTPS.
    /// </summary>
    public bool HostPrefix { get; set; }

    /// <summary>Every cookie Secure, whatever the request looked like: for a site only ever reached over HTTPS.</summary>
    public bool AlwaysSecure { get; set; }

    public bool Secure => AlwaysSecure || HostPrefix;
}
