namespace ChatSphere.Core.Bots;

/// <summary>A site allowed to embed a bot's widget, in the exact form browsers send in <c>Origin</c>.</summary>
public static class AllowedOrigin
{
    /// <summary>"https://Example.com:443/" becomes "https://example.com"; anything that is not an origin is null.</summary>
    public static string? Normalise(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) ||
            !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) ||
            uri.Scheme is not ("http" or "https") ||
            uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 ||
            uri.UserInfo.Length > 0 || uri.Host.Length == 0)
        {
            return null;
        }

        return uri.IsDefaultPort ? $"{uri.Scheme}://{uri.IdnHost}" : $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}";
    }
}
