namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>The routes of ../shared/API.md as the OpenAPI document spells them, less the widget's and /v1's (tested on their own).</summary>
public static class ApiContract
{
    public static readonly (string Method, string Path)[] Routes =
    [
        ("POST", "/api/v1/auth/token"),
        ("GET", "/api/v1/bots"),
        ("POST", "/api/v1/bots"),
        ("GET", "/api/v1/bots/{botId}"),
        ("PUT", "/api/v1/bots/{botId}"),
        ("DELETE", "/api/v1/bots/{botId}"),
        ("POST", "/api/v1/bots/{botId}/documents"),
        ("GET", "/api/v1/bots/{botId}/documents"),
        ("GET", "/api/v1/bots/{botId}/documents/{id}"),
        ("DELETE", "/api/v1/bots/{botId}/documents/{id}"),
        ("POST", "/api/v1/bots/{botId}/documents/{id}/reindex"),
        ("POST", "/api/v1/bots/{botId}/search"),
        ("POST", "/api/v1/bots/{botId}/chat"),
        ("GET", "/api/v1/bots/{botId}/conversations"),
        ("GET", "/api/v1/bots/{botId}/conversations/{id}"),
    ];

    /// <summary>Documented in the README rather than API.md, and held to the same rules.</summary>
    public static readonly (string Method, string Path) Feedback = ("POST", "/api/v1/bots/{botId}/messages/{messageId}/feedback");
}
