using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Text;
using ChatSphere.IntegrationTests.Infrastructure;
using ChatSphere.Testing.FakeOpenAi;
using OpenAI.Chat;

namespace ChatSphere.IntegrationTests.FakeOpenAi;

/// <summary>How the real OpenAI .NET SDK reacts to the failures the fake can script.</summary>
[Collection(TimingCollection.Name)]
public sealed class OpenAiSdkFailureTests
{
    private static readonly List<ChatMessage> Hello = [new UserChatMessage("Hello")];

    [Fact]
    public async Task Rate_limit_is_retried_by_the_sdk_after_the_retry_after_delay()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.FailNext(1, 429, TimeSpan.FromSeconds(1));
        server.Chat.Enqueue(FakeReply.Text("Made it."));
        var chat = FakeClients.OpenAi(server).GetChatClient(FakeOpenAiServer.ChatModel);

        var clock = Stopwatch.StartNew();
        ChatCompletion completion = await chat.CompleteChatAsync(Hello);

        Assert.Equal("Made it.", completion.Content.Single().Text);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95), $"retried after {clock.Elapsed}");
        var requests = server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromSeconds(0.95));
    }

    [Fact]
    public async Task Sdk_default_policy_retries_three_times_without_backoff_when_no_retry_after_is_sent()
    {
        // System.ClientModel 1.10's ClientRetryPolicy.Default is built before its 0.8 s initial delay is
        // initialised, so the default pipeline retries at once; an explicit new ClientRetryPolicy() backs off.
        await using var server = await FakeOpenAiServer.StartAsync();
        server.FailNext(4, 503);
        var chat = FakeClients.OpenAi(server).GetChatClient(FakeOpenAiServer.ChatModel);

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync(Hello));

        Assert.Equal(503, error.Status);
        Assert.Equal(4, server.Requests.Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(0.8), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Persistent_server_error_surfaces_as_ClientResultException_with_status_500()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.FailNext(100, 500);
        var chat = FakeClients.OpenAi(server, o => o.RetryPolicy = new ClientRetryPolicy(maxRetries: 1)).GetChatClient(FakeOpenAiServer.ChatModel);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync(Hello));

        Assert.Equal(500, error.Status);
        Assert.Contains("server_error", error.Message);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Wrong_key_is_401_invalid_api_key_and_not_retried()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var chat = FakeClients.OpenAi(server, apiKey: "sk-wrong").GetChatClient(FakeOpenAiServer.ChatModel);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync(Hello));

        Assert.Equal(401, error.Status);
        Assert.Contains("invalid_api_key", error.Message);
        Assert.Equal("Bearer sk-wrong", Assert.Single(server.Requests).Headers["Authorization"]);
    }

    [Fact]
    public async Task Scripted_error_reaches_the_caller_with_its_code()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Chat.Enqueue(FakeReply.Error(400, "context_length_exceeded", "This model's maximum context length is 128000 tokens."));
        var chat = FakeClients.OpenAi(server).GetChatClient(FakeOpenAiServer.ChatModel);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync(Hello));

        Assert.Equal(400, error.Status);
        Assert.Contains("context_length_exceeded", error.Message);
    }

    [Fact]
    public async Task Hanging_server_is_cut_off_by_the_sdk_network_timeout()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Chat.Enqueue(FakeReply.Hang());
        var chat = FakeClients.OpenAi(server, o =>
        {
            o.NetworkTimeout = TimeSpan.FromSeconds(1);
            o.RetryPolicy = new ClientRetryPolicy(maxRetries: 0);
        }).GetChatClient(FakeOpenAiServer.ChatModel);

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => chat.CompleteChatAsync(Hello));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        await WaitUntilAsync(() => server.ActiveChatResponses == 0);
    }

    [Fact]
    public async Task Network_timeouts_are_retried_too_and_end_in_an_AggregateException()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Chat.Responder = _ => FakeReply.Hang();
        var chat = FakeClients.OpenAi(server, o => o.NetworkTimeout = TimeSpan.FromMilliseconds(300)).GetChatClient(FakeOpenAiServer.ChatModel);

        var error = await Assert.ThrowsAsync<AggregateException>(() => chat.CompleteChatAsync(Hello));

        Assert.Equal(4, error.InnerExceptions.Count);
        Assert.All(error.InnerExceptions, e => Assert.IsAssignableFrom<OperationCanceledException>(e));
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task Stalled_stream_delivers_the_partial_text_and_ends_when_the_client_cancels()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Chat.Enqueue(FakeReply.Stall("The answer is"));
        var chat = FakeClients.OpenAi(server).GetChatClient(FakeOpenAiServer.ChatModel);

        var text = new StringBuilder();
        using var cancel = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in chat.CompleteChatStreamingAsync(Hello, cancellationToken: cancel.Token))
            {
                text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
                if (text.ToString() == "The answer is")
                {
                    // Give the fake a moment to prove it sends nothing more, then give up as a timeout would.
                    cancel.CancelAfter(TimeSpan.FromMilliseconds(300));
                }
            }
        });

        Assert.Equal("The answer is", text.ToString());
        await WaitUntilAsync(() => server.ActiveChatResponses == 0);
    }

    [Theory]
    [InlineData("/v1")]
    [InlineData("/v1/")]
    public async Task Sdk_endpoint_must_include_v1_with_or_without_a_trailing_slash(string path)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var chat = FakeClients.OpenAi(server, o => o.Endpoint = new Uri(server.BaseUrl, path)).GetChatClient(FakeOpenAiServer.ChatModel);

        ChatCompletion completion = await chat.CompleteChatAsync(Hello);

        Assert.Equal("You said: Hello", completion.Content.Single().Text);
        Assert.Equal("/v1/chat/completions", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task Sdk_endpoint_without_v1_reaches_the_wrong_path_and_gets_404()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var chat = FakeClients.OpenAi(server, o => o.Endpoint = new Uri(server.BaseUrl, "/")).GetChatClient(FakeOpenAiServer.ChatModel);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync(Hello));

        Assert.Equal(404, error.Status);
        Assert.Equal("/chat/completions", Assert.Single(server.Requests).Path);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 5 s");
            await Task.Delay(20);
        }
    }
}
