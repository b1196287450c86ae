using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatSphere.Testing.FakeOpenAi;

/// <summary>
/// A streamed reply: <c>data: {chat.completion.chunk}</c> events, each flushed at once, a usage chunk with empty
/// <c>choices</c> when the client asked for <c>stream_options.include_usage</c>, then <c>data: [DONE]</c>.
/// </summary>
internal sealed class ChatStream(
    HttpContext context, FakeChatRequest request, FakePacer pacer, Action<FakePacedStream> paced, CancellationToken cancellationToken)
{

    // OpenAI cuts tool call arguments into small fragments; clients must stitch them back together.
    private const int ArgumentFragmentLength = 8;

    private readonly string _id = OpenAiJson.NewId("chatcmpl-");
    private readonly long _created = OpenAiJson.Now();

    public async Task WriteAsync(FakeReply reply)
    {
        switch (reply)
        {
            case FakeErrorReply error:
                // Errors come before the stream starts, as a plain JSON response.
                await OpenAiErrors.WriteAsync(context, error);
                break;
            case FakeTextReply text:
                await StartAsync();
                await Task.Delay(text.FirstTokenDelay, cancellationToken);
                await WriteWordsAsync(text.Content, text.PerTokenDelay);
                await FinishAsync("stop", TokenEstimate.Of(text.Content));
                break;
            case FakePacedReply pacedReply:
                await WritePacedAsync(pacedReply);
                break;
            case FakeToolCallReply calls:
                await StartAsync();
                await WriteToolCallsAsync(calls.Calls);
                await FinishAsync("tool_calls", TokenEstimate.Completion(calls.Calls));
                break;
            case FakeStallReply stall:
                await StartAsync();
                await WriteWordsAsync(stall.PartialText, TimeSpan.Zero);
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
            case FakeBrokenReply { Break: FakeBreak.NotJson } notJson:
                await NotJsonAsync(context, notJson.Content, cancellationToken);
                break;
            case FakeBrokenReply broken:
                await StartAsync();
                await WriteWordsAsync(broken.Content, TimeSpan.Zero);
                if (broken.Break == FakeBreak.MalformedLine)
                {
                    await WriteEventAsync("""{"id": "chatcmpl-broken", "choices": [{"delta": {"content": "and th""");
                }

                break;
            default:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
        }
    }

    /// <summary>200 and an HTML page, whatever the client asked for.</summary>
    internal static async Task NotJsonAsync(HttpContext context, string body, CancellationToken cancellationToken)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(body, cancellationToken);
    }

    // Status and headers go out at once, so the client sees 200 before the first token.
    private async Task StartAsync()
    {
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.StartAsync(cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }

    private async Task WriteWordsAsync(string text, TimeSpan perTokenDelay)
    {
        await WriteDeltaAsync(new JsonObject { ["role"] = "assistant", ["content"] = "", ["refusal"] = null });
        var pieces = WordPieces.Split(text);
        for (var i = 0; i < pieces.Count; i++)
        {
            if (i > 0)
            {
                await Task.Delay(perTokenDelay, cancellationToken);
            }

            await WriteDeltaAsync(new JsonObject { ["content"] = pieces[i] });
        }
    }

    // Token i is due at a fixed time from the start, so a late tick does not push back the rest; the actual send times
    // are recorded, and they, not the nominal ones, are what a benchmark subtracts.
    private async Task WritePacedAsync(FakePacedReply reply)
    {
        var received = System.Diagnostics.Stopwatch.GetTimestamp();
        await StartAsync();
        await WriteDeltaAsync(new JsonObject { ["role"] = "assistant", ["content"] = "", ["refusal"] = null });
        var chunks = FakePacedReply.Words.Select(w => System.Text.Encoding.UTF8.GetBytes(
            $"data: {Chunk([new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["content"] = w }, ["logprobs"] = null, ["finish_reason"] = null }], usage: null).ToJsonString()}\n\n")).ToArray();
        var firstDue = received + (long)(reply.FirstTokenDelay.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        var perToken = (long)(reply.PerTokenDelay.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        long first = 0, last = 0;
        for (var i = 0; i < reply.Tokens; i++)
        {
            await pacer.WaitUntilAsync(firstDue + i * perToken, cancellationToken);
            await context.Response.Body.WriteAsync(chunks[i % chunks.Length], cancellationToken);
            await context.Response.Body.FlushAsync(cancellationToken);
            last = System.Diagnostics.Stopwatch.GetTimestamp();
            first = i == 0 ? last : first;
        }

        // Recorded before the end goes out, so a client that has seen the end finds the record.
        paced(new FakePacedStream(reply.Tag, reply.Tokens, received, first, last));
        await FinishAsync("stop", reply.Tokens);
    }

    private async Task WriteToolCallsAsync(IReadOnlyList<FakeToolCall> calls)
    {
        for (var index = 0; index < calls.Count; index++)
        {
            var call = calls[index];
            var opening = new JsonObject
            {
                ["index"] = index,
                ["id"] = call.Id ?? OpenAiJson.NewId("call_"),
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = "" },
            };
            await WriteDeltaAsync(index == 0
                ? new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = new JsonArray(opening), ["refusal"] = null }
                : new JsonObject { ["tool_calls"] = new JsonArray(opening) });

            foreach (var fragment in call.ArgumentsJson.Chunk(ArgumentFragmentLength))
            {
                var part = new JsonObject { ["index"] = index, ["function"] = new JsonObject { ["arguments"] = new string(fragment) } };
                await WriteDeltaAsync(new JsonObject { ["tool_calls"] = new JsonArray(part) });
            }
        }
    }

    private async Task FinishAsync(string finishReason, int completionTokens)
    {
        await WriteDeltaAsync(new JsonObject(), finishReason);
        if (request.IncludeUsage)
        {
            await WriteEventAsync(Chunk([], OpenAiJson.Usage(TokenEstimate.Prompt(request), completionTokens)).ToJsonString());
        }

        await WriteEventAsync("[DONE]");
    }

    private Task WriteDeltaAsync(JsonObject delta, string? finishReason = null)
    {
        var choice = new JsonObject { ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finishReason };
        return WriteEventAsync(Chunk([choice], usage: null).ToJsonString());
    }

    private JsonObject Chunk(JsonArray choices, JsonObject? usage)
    {
        var chunk = new JsonObject
        {
            ["id"] = _id,
            ["object"] = "chat.completion.chunk",
            ["created"] = _created,
            ["model"] = request.Model,
            ["service_tier"] = "default",
            ["system_fingerprint"] = OpenAiJson.SystemFingerprint,
            ["choices"] = choices,
        };
        if (request.IncludeUsage)
        {
            // When usage is asked for, OpenAI puts "usage": null on every chunk but the last.
            chunk["usage"] = usage;
        }

        return chunk;
    }

    private async Task WriteEventAsync(string data)
    {
        await context.Response.WriteAsync($"data: {data}\n\n", cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }
}
