using System.Text.Json.Serialization;
using ChatSphere.Web.Chat;

namespace ChatSphere.Web.OpenAi;

// OpenAI's wire format: snake_case names where OpenAI has them; the rest serialises with the API's camelCase options.

public sealed record OpenAiModelList(List<OpenAiModel> Data)
{
    [JsonPropertyOrder(-1)]
    public string Object => "list";
}

/// <summary>A bot as a model: <c>id</c> is the bot id; <c>name</c> is an extra field with the bot's name.</summary>
public sealed record OpenAiModel(string Id, long Created, string Name)
{
    [JsonPropertyOrder(-1)]
    public string Object => "model";

    [JsonPropertyName("owned_by")]
    public string OwnedBy => "chatsphere";
}

/// <summary>A whole answer. <c>citations</c> is ChatSphere's extra field (clients ignore it); the text keeps its [n] markers.</summary>
public sealed record OpenAiCompletion(string Id, long Created, string Model, List<OpenAiChoice> Choices, OpenAiUsage Usage, List<CitationResponse> Citations)
{
    [JsonPropertyOrder(-1)]
    public string Object => "chat.completion";
}

public sealed record OpenAiChoice(int Index, OpenAiAssistantMessage Message, [property: JsonPropertyName("finish_reason")] string FinishReason);

/// <summary>One streamed event; the last one with choices carries <c>finish_reason</c> and the citations.</summary>
public sealed record OpenAiChunk(
    string Id, long Created, string Model, List<OpenAiChunkChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OpenAiUsage? Usage = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] List<CitationResponse>? Citations = null)
{
    [JsonPropertyOrder(-1)]
    public string Object => "chat.completion.chunk";
}

public sealed record OpenAiChunkChoice(int Index, OpenAiAssistantMessage Delta, [property: JsonPropertyName("finish_reason")] string? FinishReason);

/// <summary>The answer, or in a stream a piece of it (role in the first piece, content in the others, neither in the last).</summary>
public sealed record OpenAiAssistantMessage(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content);

/// <summary>Tokens the model reported; zero when no model was asked (offline answerer, grounded fallback).</summary>
public sealed record OpenAiUsage(
    [property: JsonPropertyName("prompt_tokens")] int PromptTokens,
    [property: JsonPropertyName("completion_tokens")] int CompletionTokens)
{
    [JsonPropertyName("total_tokens")]
    public int TotalTokens => PromptTokens + CompletionTokens;
}

/// <summary>OpenAI's error body: <c>{"error":{"message","type","param","code"}}</c>.</summary>
public sealed record OpenAiErrorResponse(OpenAiError Error);

public sealed record OpenAiError(string Message, string Type, string? Param, string? Code);
