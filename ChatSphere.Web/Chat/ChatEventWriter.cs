using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace ChatSphere.Web.Chat;

/// <summary>
/// Writes a chat's server-sent events (<c>event: NAME</c>, one <c>data:</c> line of JSON, a blank line) straight into
/// the response pipe, flushing each so a token reaches the reader at once.
/// </summary>
/// <remarks>
/// An answer is hundreds of one-word events, so this is the hottest write in ChatSphere. ASP.NET Core's
/// ServerSentEventsResult serialises every item to a string, then to a new byte array, then copies it through a
/// Stream; here a delta is written in place with one reused <see cref="Utf8JsonWriter"/>. The bytes are the same
/// (the same encoder as the API's JSON options, so HTML-sensitive characters stay escaped).
/// </remarks>
public sealed class ChatEventWriter : IDisposable
{
    private static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");

    private readonly PipeWriter _pipe;
    private readonly Utf8JsonWriter _json;
    private readonly JsonSerializerOptions _options;

    public ChatEventWriter(HttpContext http, JsonSerializerOptions options)
    {
        var response = http.Response;
        // The headers ASP.NET Core's ServerSentEventsResult sends: never cached, never compressed (a compressing
        // proxy or middleware would otherwise buffer the stream).
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache,no-store";
        response.Headers.Pragma = "no-cache";
        response.Headers.ContentEncoding = "identity";
        // A reverse proxy (nginx) would otherwise buffer the stream and deliver the answer in one piece.
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        _pipe = response.BodyWriter;
        _options = options;
        _json = new Utf8JsonWriter(_pipe, new JsonWriterOptions { Encoder = options.Encoder });
    }

    /// <summary>A <c>delta</c> event: <c>{"text": ...}</c>.</summary>
    public ValueTask<FlushResult> DeltaAsync(string text, CancellationToken cancellationToken)
    {
        _pipe.Write("event: delta\ndata: "u8);
        _json.Reset(_pipe);
        _json.WriteStartObject();
        _json.WriteString(Text, text);
        _json.WriteEndObject();
        _json.Flush();
        _pipe.Write("\n\n"u8);
        return _pipe.FlushAsync(cancellationToken);
    }

    /// <summary>An event with <paramref name="data"/> as JSON (its runtime type's shape, with the API's options).</summary>
    public ValueTask<FlushResult> EventAsync(string name, object data, CancellationToken cancellationToken)
    {
        _pipe.Write("event: "u8);
        Encoding.UTF8.GetBytes(name, _pipe);
        _pipe.Write("\ndata: "u8);
        return WriteJsonAndFlushAsync(data, cancellationToken);
    }

    /// <summary>An unnamed event, as OpenAI streams: <c>data: JSON</c>.</summary>
    public ValueTask<FlushResult> DataAsync(object data, CancellationToken cancellationToken)
    {
        _pipe.Write("data: "u8);
        return WriteJsonAndFlushAsync(data, cancellationToken);
    }

    /// <summary>OpenAI's end of stream, <c>data: [DONE]</c>.</summary>
    public ValueTask<FlushResult> DoneMarkerAsync(CancellationToken cancellationToken)
    {
        _pipe.Write("data: [DONE]\n\n"u8);
        return _pipe.FlushAsync(cancellationToken);
    }

    public void Dispose() => _json.Dispose();

    private ValueTask<FlushResult> WriteJsonAndFlushAsync(object data, CancellationToken cancellationToken)
    {
        _json.Reset(_pipe);
        JsonSerializer.Serialize(_json, data, data.GetType(), _options);
        _json.Flush();
        _pipe.Write("\n\n"u8);
        return _pipe.FlushAsync(cancellationToken);
    }
}
