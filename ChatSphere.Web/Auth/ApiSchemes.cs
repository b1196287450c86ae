namespace ChatSphere.Web.Auth;

/// <summary>The API's authentication schemes.</summary>
public static class ApiSchemes
{
    /// <summary>What the Api policy uses: forwards to the API key handler for <c>Bearer csk_…</c>, else to JWT bearer.</summary>
    public const string Bearer = "ApiBearer";

    /// <summary>An owner's API key (<c>csk_…</c>), looked up by its SHA-256.</summary>
    public const string ApiKey = "ApiKey";
}
