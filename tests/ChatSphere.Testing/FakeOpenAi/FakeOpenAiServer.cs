using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Testing.FakeOpenAi;

/// <summary>
/// An OpenAI-compatible HTTP server on loopback that speaks the real wire format, for tests that cannot reach OpenAI.
/// <para><b>Connecting.</b> <see cref="BaseUrl"/> is <c>http://127.0.0.1:{port}/v1/</c>. Give it as
/// <c>OpenAIClientOptions.Endpoint</c> with <see cref="ApiKey"/> as the <c>ApiKeyCredential</c>; Semantic Kernel's
/// <c>AddOpenAIChatCompletion(modelId, endpoint, apiKey)</c> passes its endpoint straight to that option, so the same URL
/// fits. The OpenAI SDK appends <c>chat/completions</c>, <c>embeddings</c>... to it, so the <c>/v1</c> must be in it;
/// a URL without it reaches paths the fake answers with OpenAI's 404 "Invalid URL".</para>
/// <para><b>Chat.</b> Queue replies with <c>server.Chat.Enqueue(FakeReply.Text("Hi"), FakeReply.ToolCall("Plugin-Fn", "{}"))</c>;
/// each request takes the next one, and when the queue is empty <see cref="FakeChatScript.Responder"/> answers
/// (by default it quotes the last user message). Every reply works streamed (<c>stream: true</c>) or not.
/// <see cref="FakeReply"/> has Text (with first-token and per-token delays), Paced (a fixed number of tokens on a
/// schedule, for load), ToolCall(s), Error, Stall, Hang, NotJson, MalformedStream and Truncated.</para>
/// <para><b>Embeddings.</b> Deterministic vectors for the models in <see cref="EmbeddingModels"/> ("fake-embed-small" 16
/// dimensions, "fake-embed-large" 32; add your own); <c>dimensions</c>, <c>encoding_format</c> float or base64, at most
/// 2048 inputs. Unknown models get 404 <c>model_not_found</c>.</para>
/// <para><b>Holding.</b> <see cref="EmbeddingHolds"/> keeps one model's embedding requests waiting on a task, to catch a
/// caller mid-embedding.</para>
/// <para><b>Failures.</b> <see cref="FailNext"/> makes the next chat or embedding requests fail with a status (and
/// <c>Retry-After</c>), before the chat script is consulted. A wrong or missing bearer key gets 401.</para>
/// <para><b>Inspecting.</b> <see cref="Requests"/> holds every request in arrival order (also rejected ones);
/// <see cref="ChatRequests"/> and <see cref="EmbeddingRequests"/> parse the bodies for assertions.</para>
/// <para><b>Load.</b> Delays are async and Kestrel's connection limits are off, so hundreds of concurrent streams are
/// fine; <see cref="ActiveChatResponses"/> counts the replies in flight and <see cref="PeakChatResponses"/> the most at once.
/// Paced replies share one timer loop and record their send times (<see cref="PacedStreams"/>).</para>
/// <para><b>Client behaviour worth knowing</b> (OpenAI SDK 2.10, System.ClientModel 1.10, SK 1.82): the SDK retries 408,
/// 429, 500, 502, 503, 504 and network timeouts three times, waiting <c>Retry-After</c> (whole seconds) when it is longer
/// than its backoff; its default policy's backoff is zero; its network timeout is 100 s a try
/// (<c>OpenAIClientOptions.NetworkTimeout</c>). SK given an <c>HttpClient</c> turns the SDK's retries off and its
/// timeout to infinite.</para>
/// <example>
/// <code>
/// await using var server = await FakeOpenAiServer.StartAsync();
/// server.Chat.Enqueue(FakeReply.ToolCall("Knowledge-search", """{"query":"refunds"}"""), FakeReply.Text("Within 30 days."));
/// var client = new OpenAIClient(new ApiKeyCredential(server.ApiKey), new OpenAIClientOptions { Endpoint = server.BaseUrl });
/// // ... run the code under test, then:
/// Assert.Equal("tool", server.ChatRequests[1].Messages[^1].Role);
/// </code>
/// </example>
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    public const string ChatModel = "fake-chat";
    public const string SmallEmbeddingModel = "fake-embed-small";
    public const string LargeEmbeddingModel = "fake-embed-large";

    /// <summary>OpenAI's limit on inputs in one embeddings request.</summary>
    public const int MaxEmbeddingInputs = 2048;

    private readonly WebApplication _app;
    private readonly ChatCompletionsEndpoint _chat;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private readonly ConcurrentQueue<FakeErrorReply> _failures = new();
    private readonly ConcurrentDictionary<string, Task> _embeddingHolds = new();
    private readonly ConcurrentDictionary<string, int> _embeddingModels = new()
    {
        [SmallEmbeddingModel] = 16,
        [LargeEmbeddingModel] = 32,
    };

    private FakeOpenAiServer(string apiKey)
    {
        ApiKey = apiKey;
        _chat = new ChatCompletionsEndpoint(Chat, _stopping.Token);
        _app = BuildApp();
    }

    /// <summary>Ends in <c>/v1/</c>: the value for <c>OpenAIClientOptions.Endpoint</c> and SK's endpoint parameter.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The only key accepted as <c>Authorization: Bearer ...</c>.</summary>
    public string ApiKey { get; }

    public FakeChatScript Chat { get; } = new();

    /// <summary>How long every embeddings request waits before answering (a slow endpoint); zero by default.</summary>
    public TimeSpan EmbeddingDelay { get; set; }

    /// <summary>How every embeddings request that passes validation is broken (none by default).</summary>
    public FakeEmbeddingFault EmbeddingFault { get; set; }

    /// <summary>Chat replies being written right now (streams, stalls and hangs included); 0 once clients have gone.</summary>
    public int ActiveChatResponses => _chat.Active;

    /// <summary>The most chat replies in flight at once since the start or the last <see cref="ResetPeakChatResponses"/>.</summary>
    public int PeakChatResponses => _chat.Peak;

    /// <summary>Every paced reply streamed to its end, with when its first and last tokens went out (<see cref="FakeReply.Paced"/>).</summary>
    public IReadOnlyList<FakePacedStream> PacedStreams => _chat.Paced;

    /// <summary>
    /// Embedding model name to a task its requests wait for (after authentication, before <see cref="FailNext"/> is
    /// consulted), to hold a caller mid-embedding; remove the entry or complete the task to let them through.
    /// </summary>
    public IDictionary<string, Task> EmbeddingHolds => _embeddingHolds;

    /// <summary>Embedding model name to native dimension count; add entries to serve more models.</summary>
    public IDictionary<string, int> EmbeddingModels => _embeddingModels;

    public IReadOnlyList<FakeRequest> Requests => [.. _requests];

    public IReadOnlyList<FakeChatRequest> ChatRequests =>
        [.. Bodies("/v1/chat/completions").Select(FakeChatRequest.TryParse).OfType<FakeChatRequest>()];

    public IReadOnlyList<FakeEmbeddingRequest> EmbeddingRequests =>
        [.. Bodies("/v1/embeddings").Select(FakeEmbeddingRequest.TryParse).OfType<FakeEmbeddingRequest>()];

    public static async Task<FakeOpenAiServer> StartAsync(string apiKey = "sk-fake-test-key")
    {
        var server = new FakeOpenAiServer(apiKey);
        await server._app.StartAsync();
        // Urls reports the port Kestrel bound for :0 once it has started.
        var address = server._app.Urls.Single();
        server.BaseUrl = new Uri($"{address.TrimEnd('/')}/v1/");
        return server;
    }

    /// <summary>The next <paramref name="count"/> chat or embedding requests fail with <paramref name="status"/>.</summary>
    public void FailNext(int count, int status, TimeSpan? retryAfter = null)
    {
        for (var i = 0; i < count; i++)
        {
            _failures.Enqueue(OpenAiErrors.Typical(status, retryAfter));
        }
    }

    /// <summary>Starts counting <see cref="PeakChatResponses"/> afresh from the replies in flight now.</summary>
    public void ResetPeakChatResponses() => _chat.ResetPeak();

    public async ValueTask DisposeAsync()
    {
        // Release stalled and hanging responses first, or stopping would wait for them.
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    internal static FakeRequest Recorded(HttpContext context) => (FakeRequest)context.Items[typeof(FakeRequest)]!;

    private IEnumerable<JsonElement> Bodies(string path) =>
        _requests.Where(r => r.Path == path && r.Json is not null).Select(r => r.Json!.Value);

    private WebApplication BuildApp()
    {
        var builder = WebApplication.CreateSlimBuilder();
        // The host's settings must not leak in (a Kestrel section in a copied appsettings.json would rebind ports).
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = null;
            kestrel.Limits.MaxConcurrentUpgradedConnections = null;
            kestrel.Limits.MaxRequestBodySize = null;
        });

        var app = builder.Build();
        app.Use(RecordAndGuardAsync);
        app.MapGet("/v1/models", new ModelsEndpoint(_embeddingModels).HandleAsync);
        app.MapPost("/v1/embeddings", new EmbeddingsEndpoint(_embeddingModels, () => EmbeddingDelay, () => EmbeddingFault).HandleAsync);
        app.MapPost("/v1/chat/completions", _chat.HandleAsync);
        app.MapFallback(context => OpenAiErrors.WriteAsync(context, new FakeErrorReply(
            StatusCodes.Status404NotFound, null, $"Invalid URL ({context.Request.Method} {context.Request.Path})", null)));
        return app;
    }

    private async Task RecordAndGuardAsync(HttpContext context, RequestDelegate next)
    {
        var request = await FakeRequest.ReadAsync(context.Request, context.RequestAborted);
        _requests.Enqueue(request);
        context.Items[typeof(FakeRequest)] = request;
        context.Response.Headers["x-request-id"] = OpenAiJson.NewId("req_");

        if (AuthenticationProblem(request) is { } problem)
        {
            await OpenAiErrors.WriteAsync(context, problem);
            return;
        }

        if (request.Path == "/v1/embeddings" && request.Json is { } body && FakeEmbeddingRequest.TryParse(body) is { } embedding &&
            _embeddingHolds.TryGetValue(embedding.Model, out var hold))
        {
            await hold.WaitAsync(context.RequestAborted);
        }

        var scriptable = request.Path is "/v1/chat/completions" or "/v1/embeddings";
        if (scriptable && _failures.TryDequeue(out var failure))
        {
            await OpenAiErrors.WriteAsync(context, failure);
            return;
        }

        await next(context);
    }

    private FakeErrorReply? AuthenticationProblem(FakeRequest request) =>
        request.Headers.GetValueOrDefault("Authorization") switch
        {
            null or "" => new FakeErrorReply(StatusCodes.Status401Unauthorized, null,
                "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                null),
            var value when value == $"Bearer {ApiKey}" => null,
            _ => new FakeErrorReply(StatusCodes.Status401Unauthorized, "invalid_api_key", "Incorrect API key provided (fake).", null),
        };
}
