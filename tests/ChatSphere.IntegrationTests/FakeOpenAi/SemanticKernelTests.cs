using System.Text;
using ChatSphere.Testing.FakeOpenAi;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;

namespace ChatSphere.IntegrationTests.FakeOpenAi;

/// <summary>Semantic Kernel's OpenAI connector, and Microsoft.Extensions.AI over the SDK, against the fake.</summary>
public sealed class SemanticKernelTests
{
    [Fact]
    public async Task Streaming_auto_function_calling_runs_the_plugin_and_streams_the_answer()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Chat.Enqueue(
            FakeReply.ToolCalls(new FakeToolCall("Weather-get_forecast", """{"city":"Oslo","days":3}""", "call_weather")),
            FakeReply.Text("Sunny all week in Oslo.", perTokenDelay: TimeSpan.FromMilliseconds(5)));
        var weather = new WeatherPlugin();
        var builder = Kernel.CreateBuilder();
        builder.AddOpenAIChatCompletion(FakeOpenAiServer.ChatModel, FakeClients.OpenAi(server));
        builder.Plugins.AddFromObject(weather, "Weather");
        var kernel = builder.Build();
        var history = new ChatHistory("You answer weather questions.");
        history.AddUserMessage("What is the weather in Oslo for the next 3 days?");
        var settings = new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };

        var text = new StringBuilder();
        var chat = kernel.GetRequiredService<IChatCompletionService>();
        await foreach (var chunk in chat.GetStreamingChatMessageContentsAsync(history, settings, kernel))
        {
            text.Append(chunk.Content);
        }

        Assert.Equal("Sunny all week in Oslo.", text.ToString());
        Assert.Equal(["Oslo/3"], weather.Calls);
        var requests = server.ChatRequests;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.True(r.Stream));
        Assert.Contains("Weather-get_forecast", requests[0].ToolNames);
        var echoed = Assert.Single(requests[1].Messages, m => m.Role == "assistant");
        Assert.Equal(("call_weather", "Weather-get_forecast"), (echoed.ToolCalls.Single().Id, echoed.ToolCalls.Single().Name));
        var toolResult = Assert.Single(requests[1].Messages, m => m.Role == "tool");
        Assert.Equal("call_weather", toolResult.ToolCallId);
        Assert.Equal("Sunny in Oslo for the next 3 days.", toolResult.Content);
    }

    [Fact]
    public async Task Endpoint_overload_takes_the_base_url_with_v1()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var kernel = Kernel.CreateBuilder()
            .AddOpenAIChatCompletion(FakeOpenAiServer.ChatModel, server.BaseUrl, server.ApiKey)
            .Build();

        var reply = await kernel.GetRequiredService<IChatCompletionService>().GetChatMessageContentAsync("Hello");

        Assert.Equal("You said: Hello", reply.Content);
        Assert.Equal("/v1/chat/completions", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task HttpClient_overload_uses_its_base_address_and_turns_sdk_retries_off()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.FailNext(1, 429, TimeSpan.FromSeconds(1));
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        var kernel = Kernel.CreateBuilder()
            .AddOpenAIChatCompletion(FakeOpenAiServer.ChatModel, server.ApiKey, httpClient: http)
            .Build();
        var chat = kernel.GetRequiredService<IChatCompletionService>();

        // SK maps ClientResultException to HttpOperationException, and with a custom HttpClient it sets maxRetries 0.
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => chat.GetChatMessageContentAsync("Hello"));
        var reply = await chat.GetChatMessageContentAsync("Hello again");

        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal("You said: Hello again", reply.Content);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Kernel_embedding_generator_embeds_a_batch()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
#pragma warning disable SKEXP0010 // SK 1.82 still marks AddOpenAIEmbeddingGenerator experimental.
        var kernel = Kernel.CreateBuilder()
            .AddOpenAIEmbeddingGenerator(FakeOpenAiServer.LargeEmbeddingModel, FakeClients.OpenAi(server))
            .Build();
#pragma warning restore SKEXP0010
        var generator = kernel.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var embeddings = await generator.GenerateAsync(["first chunk", "second chunk", "third chunk"]);

        Assert.Equal(3, embeddings.Count);
        Assert.All(embeddings, e => Assert.Equal(32, e.Vector.Length));
        Assert.Equal(["first chunk", "second chunk", "third chunk"], Assert.Single(server.EmbeddingRequests).Inputs);
    }

    [Fact]
    public async Task Sdk_embedding_client_as_IEmbeddingGenerator_honours_dimensions()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        IEmbeddingGenerator<string, Embedding<float>> generator = FakeClients.OpenAi(server)
            .GetEmbeddingClient(FakeOpenAiServer.LargeEmbeddingModel)
            .AsIEmbeddingGenerator();

        var embeddings = await generator.GenerateAsync(["a", "b"], new EmbeddingGenerationOptions { Dimensions = 12 });

        Assert.All(embeddings, e => Assert.Equal(12, e.Vector.Length));
        Assert.Equal(12, Assert.Single(server.EmbeddingRequests).Dimensions);
        Assert.True(embeddings.Usage?.InputTokenCount > 0);
    }
}
