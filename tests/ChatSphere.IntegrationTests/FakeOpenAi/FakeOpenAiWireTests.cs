using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.Testing.FakeOpenAi;

namespace ChatSphere.IntegrationTests.FakeOpenAi;

/// <summary>The bytes on the wire, read without an SDK that might forgive mistakes.</summary>
public sealed class FakeOpenAiWireTests
{
    [Fact]
    public async Task Stream_sends_role_then_content_then_finish_then_usage_then_done()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Chat.Enqueue(FakeReply.Text("Hi there"));
        using var http = Client(server);

        using var response = await http.PostAsJsonAsync("chat/completions", new
        {
            model = "fake-chat",
            stream = true,
            stream_options = new { include_usage = true },
            messages = new[] { new { role = "user", content = "Hello" } },
        });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("\n\ndata: [DONE]\n\n", body);
        var chunks = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).SkipLast(1)
            .Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.Equal("assistant", Delta(chunks[0]).GetProperty("role").GetString());
        Assert.Equal(["", "Hi", " there"], chunks.Take(3).Select(c => Delta(c).GetProperty("content").GetString()));
        Assert.Equal("stop", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
        Assert.Equal(2, chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.All(chunks.SkipLast(1), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("usage").ValueKind));
    }

    [Fact]
    public async Task Stream_without_include_usage_has_no_usage_chunk()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        using var http = Client(server);

        using var response = await http.PostAsJsonAsync("chat/completions", new
        {
            model = "fake-chat",
            stream = true,
            messages = new[] { new { role = "user", content = "Hello" } },
        });
        var body = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("usage", body);
        Assert.Contains("\"finish_reason\":\"stop\"", body);
    }

    [Fact]
    public async Task Models_lists_the_chat_model_and_the_embedding_models()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.EmbeddingModels["text-embedding-3-small"] = 1536;
        using var http = Client(server);

        var models = await http.GetFromJsonAsync<JsonElement>("models");

        Assert.Equal("list", models.GetProperty("object").GetString());
        var ids = models.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString());
        Assert.Equal(["fake-chat", "fake-embed-large", "fake-embed-small", "text-embedding-3-small"], ids);
    }

    [Fact]
    public async Task Missing_key_is_401_in_openai_error_shape()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        using var response = await http.GetAsync("models");
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Contains("didn't provide an API key", error.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
    }

    [Fact]
    public async Task Token_array_input_is_400_naming_the_input_param()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        using var http = Client(server);

        using var response = await http.PostAsJsonAsync("embeddings", new { model = "fake-embed-small", input = new[] { 1, 2, 3 } });
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("input", error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Failures_carry_retry_after_in_whole_seconds()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.FailNext(1, 429, TimeSpan.FromMilliseconds(1500));
        using var http = Client(server);

        using var failed = await http.PostAsJsonAsync("embeddings", new { model = "fake-embed-small", input = "x" });
        using var succeeded = await http.PostAsJsonAsync("embeddings", new { model = "fake-embed-small", input = "x" });

        Assert.Equal(HttpStatusCode.TooManyRequests, failed.StatusCode);
        Assert.Equal("2", failed.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.OK, succeeded.StatusCode);
    }

    [Fact]
    public async Task Five_hundred_concurrent_streams_with_token_delays_all_complete()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Chat.Responder = _ => FakeReply.Text("one two three four five", TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50));
        using var http = Client(server);
        var body = """{"model":"fake-chat","stream":true,"messages":[{"role":"user","content":"go"}]}""";

        var clock = Stopwatch.StartNew();
        var bodies = await Task.WhenAll(Enumerable.Range(0, 500).Select(async _ =>
        {
            using var content = new StringContent(body, new MediaTypeHeaderValue("application/json"));
            using var response = await http.PostAsync("chat/completions", content);
            return await response.Content.ReadAsStringAsync();
        }));

        Assert.All(bodies, b => Assert.EndsWith("data: [DONE]\n\n", b));
        // Each stream takes 250 ms of delays; run one after another they would take 125 s.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    private static HttpClient Client(FakeOpenAiServer server) => new()
    {
        BaseAddress = server.BaseUrl,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", server.ApiKey) },
    };

    private static JsonElement Delta(JsonElement chunk) => chunk.GetProperty("choices")[0].GetProperty("delta");
}
