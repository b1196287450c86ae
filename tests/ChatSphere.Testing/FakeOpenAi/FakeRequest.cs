using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ChatSphere.Testing.FakeOpenAi;

/// <summary>One HTTP request as the fake received it, recorded before authentication or any scripted failure.</summary>
/// <param name="Json">The parsed body, or null when the body is empty or not JSON.</param>
public sealed record FakeRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    JsonElement? Json,
    DateTimeOffset ReceivedAt)
{
    internal static async Task<FakeRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new FakeRequest(request.Method, request.Path.Value ?? "", headers, body, ParseOrNull(body), DateTimeOffset.UtcNow);
    }

    private static JsonElement? ParseOrNull(string body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
