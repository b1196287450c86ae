using System.Text.Json;

namespace ChatSphere.Testing.FakeOpenAi;

/// <summary>The parts of a <c>POST /v1/chat/completions</c> body that tests ask about; <see cref="Json"/> has the rest.</summary>
/// <param name="MaxTokens"><c>max_completion_tokens</c> (what the OpenAI .NET SDK sends) or the older <c>max_tokens</c>.</param>
public sealed record FakeChatRequest(
    string Model,
    IReadOnlyList<FakeChatMessage> Messages,
    IReadOnlyList<string> ToolNames,
    bool Stream,
    bool IncludeUsage,
    double? Temperature,
    int? MaxTokens,
    JsonElement Json)
{
    public string? LastUserMessage => Messages.LastOrDefault(m => m.Role == "user")?.Content;

    /// <summary><c>tool_choice</c> when it is a string (<c>auto</c>, <c>none</c>, <c>required</c>); null when absent or a named function.</summary>
    public string? ToolChoice => Json.Str("tool_choice");

    /// <summary>Reads a chat body; null when it is not an object with a string <c>model</c> and an array <c>messages</c>.</summary>
    public static FakeChatRequest? TryParse(JsonElement json)
    {
        if (json.Str("model") is not { } model || json.Prop("messages").ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return new FakeChatRequest(
            model,
            [.. json.Items("messages").Select(ParseMessage)],
            [.. json.Items("tools").Select(t => t.Prop("function").Str("name") ?? "")],
            json.Bool("stream") ?? false,
            json.Prop("stream_options").Bool("include_usage") ?? false,
            json.Double("temperature"),
            json.Int("max_completion_tokens") ?? json.Int("max_tokens"),
            json);
    }

    private static FakeChatMessage ParseMessage(JsonElement message) =>
        new(
            message.Str("role") ?? "",
            TextOf(message.Prop("content")),
            message.Str("tool_call_id"),
            [.. message.Items("tool_calls").Select(c => new FakeToolCall(
                c.Prop("function").Str("name") ?? "", c.Prop("function").Str("arguments") ?? "", c.Str("id")))]);

    // Content is a string, or an array of parts of which only the text ones matter here.
    private static string? TextOf(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString(),
        JsonValueKind.Array => string.Concat(content.EnumerateArray().Select(p => p.Str("text"))),
        _ => null,
    };
}
