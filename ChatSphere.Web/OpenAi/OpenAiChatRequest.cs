using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatSphere.Agents.Chat;
using ChatSphere.Core.Domain;

namespace ChatSphere.Web.OpenAi;

/// <summary>
/// OpenAI's chat completion request, as far as a bot honours it. Sampling parameters (temperature, top_p, max_tokens,
/// stop, seed...) are accepted and ignored: the owner's bot settings decide how the bot answers.
/// </summary>
public sealed record OpenAiChatRequest(
    string? Model,
    List<OpenAiMessage>? Messages,
    bool? Stream = null,
    [property: JsonPropertyName("stream_options")] OpenAiStreamOptions? StreamOptions = null,
    int? N = null,
    JsonElement? Tools = null,
    JsonElement? Functions = null)
{
    /// <summary>More earlier messages than this, or a longer one, is refused (the model answerer keeps a 3,000-token history anyway).</summary>
    public const int MaxHistoryMessages = 200;

    public const int MaxHistoryMessageLength = 32_000;

    /// <summary>
    /// The question (the last message, which must be the user's) and the earlier user and assistant messages, oldest
    /// first; or what is wrong, with the parameter it concerns. System and developer messages are left out: the bot's
    /// house rules and its owner's instructions are its only system prompt.
    /// </summary>
    internal (string Question, List<(MessageRole Role, string Content)> History)? ReadTurn(out string? error, out string? param)
    {
        (error, param) = (null, "messages");
        if (N is not (null or 1))
        {
            (error, param) = ("Only n=1 is supported: a bot gives one answer.", "n");
            return null;
        }

        if (Tools is { ValueKind: JsonValueKind.Array } tools && tools.GetArrayLength() > 0 || Functions is { ValueKind: JsonValueKind.Array })
        {
            (error, param) = ("Bots do not call client tools; they search their own documents.", "tools");
            return null;
        }

        var turns = new List<(MessageRole Role, string Content)>();
        for (var i = 0; i < Messages?.Count; i++)
        {
            if (Messages[i]?.Text is not { } text)
            {
                (error, param) = ("Only text content is supported.", $"messages[{i}].content");
                return null;
            }

            switch (Messages[i].Role)
            {
                case "user":
                    turns.Add((MessageRole.User, text.Trim()));
                    break;
                case "assistant":
                    turns.Add((MessageRole.Assistant, text.Trim()));
                    break;
                case "system" or "developer":
                    break;
                default:
                    (error, param) = ($"Messages with role '{Messages[i].Role}' are not supported.", $"messages[{i}].role");
                    return null;
            }
        }

        if (turns is not [.. var history, (MessageRole.User, var question)])
        {
            error = "The last message must be the user's question.";
            return null;
        }

        if (TurnInput.Check(question, null, regenerate: false) is { } invalid)
        {
            error = $"The question (the last user message): {invalid.Message}";
            return null;
        }

        if (history.Count > MaxHistoryMessages || history.Any(h => h.Content.Length > MaxHistoryMessageLength))
        {
            error = $"Send at most {MaxHistoryMessages} earlier messages of at most {MaxHistoryMessageLength} characters each.";
            return null;
        }

        return (question, history);
    }
}

/// <summary>A chat message; <c>content</c> is a string or an array of parts, of which only text parts are understood.</summary>
public sealed record OpenAiMessage(string? Role, JsonElement Content, string? Name = null)
{
    /// <summary>
    /// The message's text, or null when it has none, has parts other than text (images, audio), or parts of a shape
    /// OpenAI does not send (a part that is not an object, a type or text that is not a string).
    /// </summary>
    [JsonIgnore]
    public string? Text => Content.ValueKind switch
    {
        JsonValueKind.String => Content.GetString(),
        JsonValueKind.Array => TextOfParts(Content),
        _ => null,
    };

    private static string? TextOfParts(JsonElement parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts.EnumerateArray())
        {
            if (part.ValueKind != JsonValueKind.Object ||
                !part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "text")
            {
                return null;
            }

            if (part.TryGetProperty("text", out var value))
            {
                if (value.ValueKind != JsonValueKind.String)
                {
                    return null;
                }

                text.Append(value.GetString());
            }
        }

        return text.ToString();
    }
}

public sealed record OpenAiStreamOptions([property: JsonPropertyName("include_usage")] bool? IncludeUsage);
