namespace ChatSphere.Web.Infrastructure;

/// <summary>
/// Reverse proxies whose X-Forwarded-For/-Proto/-Host are believed. Nothing else is: the client IP decides the widget's
/// per-IP limit, and a header anyone can send must not choose it.
/// </summary>
public sealed class ProxyOptions
{
    public const string SectionName = "Proxy";

    /// <summary>Proxy addresses, e.g. "10.0.0.5".</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR form, e.g. "172.18.0.0/16" for a compose network.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
