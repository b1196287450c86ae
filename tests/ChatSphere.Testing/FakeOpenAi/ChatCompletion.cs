using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatSphere.Testing.FakeOpenAi;

/// <summary>A non-streamed reply: one <c>chat.completion</c> object.</summary>
internal static class ChatCompletion
{
    public static async Task WriteAsync(HttpContext context, FakeChatRequest request, FakeReply reply, CancellationToken cancellationToken)
    {
        switch (reply)
        {
            case FakeErrorReply error:
                await OpenAiErrors.WriteAsync(context, error);
                break;
            case FakeTextReply text:
                // Without streaming the whole generation time passes before anything is sent.
                await Task.Delay(text.FirstTokenDelay + text.PerTokenDelay * WordPieces.Split(text.Content).Count, cancellationToken);
                await OpenAiJson.WriteAsync(context, Body(request, TextMessage(text.Content), "stop", TokenEstimate.Of(text.Content)));
                break;
            case FakePacedReply paced:
                await Task.Delay(paced.FirstTokenDelay + paced.PerTokenDelay * Math.Max(0, paced.Tokens - 1), cancellationToken);
                await OpenAiJson.WriteAsync(context, Body(request, TextMessage(paced.Content), "stop", paced.Tokens));
                break;
            case FakeToolCallReply calls:
                await OpenAiJson.WriteAsync(context, Body(request, ToolCallMessage(calls.Calls), "tool_calls", TokenEstimate.Completion(calls.Calls)));
                break;
            case FakeBrokenReply { Break: FakeBreak.NotJson } notJson:
                await ChatStream.NotJsonAsync(context, notJson.Content, cancellationToken);
                break;
            case FakeBrokenReply broken:
                // Cut off mid-body: the JSON object never closes.
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync($$"""{"id": "chatcmpl-broken", "object": "chat.completion", "choices": [{"message": {"content": "{{broken.Content}}""", cancellationToken);
                break;
            default:
                // Stall and Hang: a non-streamed request that stalls sends nothing until the client gives up.
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
        }
    }

    private static JsonObject Body(FakeChatRequest request, JsonObject message, string finishReason, int completionTokens) => new()
    {
        ["id"] = OpenAiJson.NewId("chatcmpl-"),
        ["object"] = "chat.completion",
        ["created"] = OpenAiJson.Now(),
        ["model"] = request.Model,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = message,
            ["logprobs"] = null,
            ["finish_reason"] = finishReason,
        }),
        ["usage"] = OpenAiJson.Usage(TokenEstimate.Prompt(request), completionTokens),
        ["service_tier"] = "default",
        ["system_fingerprint"] = OpenAiJson.SystemFingerprint,
    };

    private static JsonObject TextMessage(string text) => new()
    {
        ["role"] = "assistant",
        ["content"] = text,
        ["refusal"] = null,
        ["annotations"] = new JsonArray(),
    };

    private static JsonObject ToolCallMessage(IReadOnlyList<FakeToolCall> calls) => new()
    {
        ["role"] = "assistant",
        ["content"] = null,
        ["tool_calls"] = new JsonArray([.. calls.Select(c => (JsonNode)new JsonObject
        {
            ["id"] = c.Id ?? OpenAiJson.NewId("call_"),
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.ArgumentsJson },
        })]),
        ["refusal"] = null,
        ["annotations"] = new JsonArray(),
    };
}
