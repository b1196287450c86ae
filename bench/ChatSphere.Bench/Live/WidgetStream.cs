using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;

namespace ChatSphere.Bench.Live;

/// <summary>What one widget visitor saw of one streamed chat: Stopwatch timestamps of the request, the deltas and the end.</summary>
internal sealed record WidgetStream(string Tag, long SentAt, long FirstDeltaAt, long DoneAt, int Deltas, float[] Gaps, string? Error)
{
    /// <summary>Sends the chat and reads its events as they come; any failure is an <see cref="Error"/>, never an exception.</summary>
    public static async Task<WidgetStream> RunAsync(HttpClient http, string origin, string token, string tag, string message)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/widget/chat") { Content = JsonContent.Create(new { message }) };
        request.Headers.Add("Origin", origin);
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.Accept.ParseAdd("text/event-stream");
        var sent = Stopwatch.GetTimestamp();
        var (first, last, done, deltas) = (0L, 0L, 0L, 0);
        var gaps = new List<float>(256);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (!response.IsSuccessStatusCode)
            {
                return new(tag, sent, 0, 0, 0, [], $"HTTP {(int)response.StatusCode}");
            }

            await using var body = await response.Content.ReadAsStreamAsync();
            await foreach (var item in SseParser.Create(body).EnumerateAsync())
            {
                var now = Stopwatch.GetTimestamp();
                switch (item.EventType)
                {
                    case "delta":
                        deltas++;
                        first = first == 0 ? now : first;
                        if (last != 0)
                        {
                            gaps.Add((float)Stopwatch.GetElapsedTime(last, now).TotalMilliseconds);
                        }

                        last = now;
                        break;
                    case "done":
                        done = now;
                        break;
                    case "error":
                        return new(tag, sent, first, 0, deltas, [.. gaps], $"error event {item.Data}");
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
        {
            return new(tag, sent, first, 0, deltas, [.. gaps], $"{ex.GetType().Name}: {ex.Message}");
        }

        return done == 0 ? new(tag, sent, first, 0, deltas, [.. gaps], "no done event") : new(tag, sent, first, done, deltas, [.. gaps], null);
    }
}
