using System.Text;
using ChatSphere.Testing.FakeOpenAi;
using OpenAI.Chat;

namespace ChatSphere.IntegrationTests.FakeOpenAi;

/// <summary>The real OpenAI .NET SDK chat client reads what the fake sends.</summary>
public sealed class OpenAiSdkChatTests
{
    private static readonly ChatTool Weather = ChatTool.CreateFunctionTool(
        "get_weather", "Current weather", BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}}}"""));

    private static readonly ChatTool Time = ChatTool.CreateFunctionTool(
        "get_time", "Current time", BinaryData.FromString("""{"type":"object","properties":{"zone":{"type":"string"}}}"""));

    [Fact]
    public async Task Completion_returns_the_scripted_text_with_usage()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Chat.Enqueue(FakeReply.Text("Paris is the capital of France."));
        var chat = FakeClients.OpenAi(server).GetChatClient(FakeOpenAiServer.ChatModel);

        ChatCompletion completion = await chat.CompleteChatAsync(
            [new SystemChatMessage("Be brief."), new UserChatMessage("Capital of France?")],
            new ChatCompletionOptions { Temperature = 0.25f, MaxOutputTokenCount = 50 });

        Assert.Equal("Paris is the capital of France.", completion.Content.Single().Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(FakeOpenAiServer.ChatModel, completion.Model);
        Assert.StartsWith("chatcmpl-", completion.Id);
        Assert.Equal(8, completion.Usage.OutputTokenCount);
        Assert.True(completion.Usage.InputTokenCount > 0);
        Assert.Equal(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);

        var request = Assert.Single(server.ChatRequests);
        Assert.False(request.Stream);
        Assert.Equal(0.25, request.Temperature);
        Assert.Equal(50, request.MaxTokens);
        Assert.Equal(["system", "user"], request.Messages.Select(m => m.Role));
        Assert.Equal("Capital of France?", request.LastUserMessage);
    }

    [Fact]
    public async Task Unscripted_request_gets_an_answer_quoting_the_user()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var chat = FakeClients.OpenAi(server).GetChatClient(FakeOpenAiServer.ChatModel);

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("Hello there")]);

        Assert.Equal("You said: Hello there", completion.Content.Single().Text);
    }

    [Fact]
    public async Task Streamed_completion_reassembles_word_by_word_and_ends_with_usage()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Chat.Enqueue(FakeReply.Text("One two three four", perTokenDelay: TimeSpan.FromMilliseconds(10)));
        var chat = FakeClients.OpenAi(server).GetChatClient(FakeOpenAiServer.ChatModel);

        var text = new StringBuilder();
        var pieces = 0;
        ChatTokenUsage? usage = null;
        ChatFinishReason? finishReason = null;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Count to four")]))
        {
            foreach (var part in update.ContentUpdate.Where(p => p.Text.Length > 0))
            {
                text.Append(part.Text);
                pieces++;
            }

            usage ??= update.Usage;
            finishReason ??= update.FinishReason;
        }

        Assert.Equal("One two three four", text.ToString());
        Assert.Equal(4, pieces);
        Assert.Equal(ChatFinishReason.Stop, finishReason);
        Assert.NotNull(usage);
        Assert.Equal(5, usage.OutputTokenCount);
        Assert.True(usage.InputTokenCount > 0);

        // The SDK always asks for the usage chunk when streaming.
        var request = Assert.Single(server.ChatRequests);
        Assert.True(request.Stream);
        Assert.True(request.IncludeUsage);
    }

    [Fact]
    public async Task Tool_calls_arrive_with_ids_names_and_arguments()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Chat.Enqueue(FakeReply.ToolCall("get_weather", """{"city":"Oslo"}"""));
        var chat = FakeClients.OpenAi(server).GetChatClient(FakeOpenAiServer.ChatModel);

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("Weather?")], new ChatCompletionOptions { Tools = { Weather } });

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        Assert.StartsWith("call_", call.Id);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.Equal("""{"city":"Oslo"}""", call.FunctionArguments.ToString());
        Assert.Equal(["get_weather"], Assert.Single(server.ChatRequests).ToolNames);
    }

    [Fact]
    public async Task Streamed_parallel_tool_calls_reassemble_from_argument_fragments()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Chat.Enqueue(FakeReply.ToolCalls(
            new FakeToolCall("get_weather", """{"city":"Oslo","unit":"celsius"}""", "call_weather"),
            new FakeToolCall("get_time", """{"zone":"Europe/Oslo"}""")));
        var chat = FakeClients.OpenAi(server).GetChatClient(FakeOpenAiServer.ChatModel);

        var ids = new Dictionary<int, string>();
        var names = new Dictionary<int, string>();
        var arguments = new Dictionary<int, StringBuilder>();
        ChatFinishReason? finishReason = null;
        var options = new ChatCompletionOptions { Tools = { Weather, Time } };
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Weather and time?")], options))
        {
            foreach (var call in update.ToolCallUpdates)
            {
                if (call.ToolCallId is { } id)
                {
                    ids[call.Index] = id;
                }

                if (call.FunctionName is { } name)
                {
                    names[call.Index] = name;
                }

                arguments.TryAdd(call.Index, new StringBuilder());
                arguments[call.Index].Append(call.FunctionArgumentsUpdate?.ToString());
            }

            finishReason ??= update.FinishReason;
        }

        Assert.Equal(ChatFinishReason.ToolCalls, finishReason);
        Assert.Equal("call_weather", ids[0]);
        Assert.StartsWith("call_", ids[1]);
        Assert.Equal(["get_weather", "get_time"], [names[0], names[1]]);
        Assert.Equal("""{"city":"Oslo","unit":"celsius"}""", arguments[0].ToString());
        Assert.Equal("""{"zone":"Europe/Oslo"}""", arguments[1].ToString());
    }
}
