using System.Net.Http.Json;
using System.Text.Json;

namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>Reads a server-sent event stream to its end as (event, data) pairs.</summary>
public static class Sse
{
    public static async Task<List<(string Event, JsonElement Data)>> ChatAsync(HttpClient http, Guid botId, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/bots/{botId}/chat") { Content = JsonContent.Create(body) };
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return await ReadAsync(response);
    }

    /// <summary>The events of a successful event-stream response.</summary>
    public static async Task<List<(string Event, JsonElement Data)>> ReadAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var events = new List<(string, JsonElement)>();
        var name = "message";
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line[6..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                events.Add((name, JsonDocument.Parse(line[5..].Trim()).RootElement.Clone()));
                name = "message";
            }
        }

        return events;
    }

    /// <summary>The <c>data:</c> lines of a stream in OpenAI's style (no event names, ending with <c>[DONE]</c>), as sent.</summary>
    public static async Task<List<string>> DataAsync(HttpResponseMessage response)
    {
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var data = new List<string>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            Assert.False(line.StartsWith("event:", StringComparison.Ordinal), $"OpenAI streams name no events: {line}");
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Add(line[5..].Trim());
            }
        }

        return data;
    }

    public static string Text(IEnumerable<(string Event, JsonElement Data)> events) =>
        string.Concat(events.Where(e => e.Event == "delta").Select(e => e.Data.GetProperty("text").GetString()));
}
