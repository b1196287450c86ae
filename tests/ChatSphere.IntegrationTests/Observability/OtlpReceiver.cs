using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ChatSphere.IntegrationTests.Observability;

/// <summary>
/// An OTLP/HTTP collector on loopback that keeps what it is sent: each POST's path (/v1/traces, /v1/metrics) and its
/// protobuf body, answered with an empty (valid) export response.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _posts = new();
    private readonly WebApplication _app;

    private OtlpReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        // The test host's settings must not leak in (a Kestrel section would rebind the port).
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            _posts.Enqueue((context.Request.Path, body.ToArray()));
            context.Response.ContentType = "application/x-protobuf";
        });
    }

    /// <summary>The value for OTEL_EXPORTER_OTLP_ENDPOINT: the exporter adds /v1/traces and /v1/metrics to it.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var receiver = new OtlpReceiver();
        await receiver._app.StartAsync();
        // Urls reports the port Kestrel bound for :0 once it has started.
        receiver.Endpoint = new Uri(receiver._app.Urls.Single());
        return receiver;
    }

    /// <summary>The body of the first POST to <paramref name="path"/> that <paramref name="match"/> accepts; fails the test after 20 s.</summary>
    public async Task<byte[]> WaitForAsync(string path, Func<byte[], bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (_posts.FirstOrDefault(post => post.Path == path && match(post.Body)) is { Body: { } body })
            {
                return body;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Nothing matching was posted to {path} in 20 s ({_posts.Count} posts in all).");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
