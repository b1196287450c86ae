using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.IntegrationTests.Infrastructure;

namespace ChatSphere.IntegrationTests.Widget;

/// <summary>What a page on <paramref name="origin"/> sends to the widget routes, from its own client address.</summary>
public sealed class WidgetVisitor(HttpClient http, string? origin, string peer) : IDisposable
{
    private static int _peers;

    /// <summary>Each visitor comes from an address of its own (10.x.y.z) unless told otherwise, so per-IP budgets never collide between tests.</summary>
    public static WidgetVisitor Create(ChatSphereFactory app, string? origin, string? peer = null) =>
        new(app.CreateClient(), origin, peer ?? NextPeer());

    private static string NextPeer()
    {
        var n = Interlocked.Increment(ref _peers);
        return $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}";
    }

    public string? Origin => origin;

    public HttpRequestMessage Request(HttpMethod method, string path, object? body = null, string? token = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        request.Headers.Add(WidgetFactory.PeerHeader, peer);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

    public Task<HttpResponseMessage> StartSessionAsync(string botKey, string? visitorId = null) =>
        SendAsync(Request(HttpMethod.Post, "/api/v1/widget/sessions", new { botKey, visitorId }));

    /// <summary>A session token for this page, failing the test if none is given.</summary>
    public async Task<(string Token, string VisitorId)> SessionAsync(string botKey, string? visitorId = null)
    {
        using var response = await StartSessionAsync(botKey, visitorId);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var session = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (session.GetProperty("token").GetString()!, session.GetProperty("visitorId").GetString()!);
    }

    public Task<HttpResponseMessage> ChatAsync(string token, string message, Guid? conversationId = null)
    {
        var request = Request(HttpMethod.Post, "/api/v1/widget/chat", new { message, conversationId }, token);
        request.Headers.Accept.ParseAdd("text/event-stream");
        return SendAsync(request);
    }

    public async Task<List<(string Event, JsonElement Data)>> ChatEventsAsync(string token, string message, Guid? conversationId = null)
    {
        using var response = await ChatAsync(token, message, conversationId);
        return await Sse.ReadAsync(response);
    }

    public void Dispose() => http.Dispose();
}
