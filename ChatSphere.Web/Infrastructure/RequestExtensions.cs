namespace ChatSphere.Web.Infrastructure;

public static class RequestExtensions
{
    /// <summary>This site's own origin as browsers see it (behind a trusted proxy, the forwarded scheme and host).</summary>
    public static string SiteOrigin(this HttpRequest request) => $"{request.Scheme}://{request.Host}";
}
