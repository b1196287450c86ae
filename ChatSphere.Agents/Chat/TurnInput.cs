namespace ChatSphere.Agents.Chat;

/// <summary>What a turn accepts as its question, the same on every channel.</summary>
public static class TurnInput
{
    /// <summary>The longest message a channel may allow (the widget allows fewer, by configuration).</summary>
    public const int MaxMessageLength = 4000;

    /// <summary>
    /// What is wrong with a turn's input, or null: a message of 1 to <paramref name="maxLength"/> characters, or for
    /// regenerate a conversation (the message is then not used).
    /// </summary>
    public static TurnRejection? Check(string? message, Guid? conversationId, bool regenerate, int maxLength = MaxMessageLength) =>
        regenerate
            ? conversationId is null ? Invalid("conversationId", "Say which conversation's last answer to regenerate.") : null
            : string.IsNullOrWhiteSpace(message) || message.Length > maxLength
                ? Invalid("message", $"Send a message of 1 to {maxLength} characters.")
                : null;

    private static TurnRejection Invalid(string field, string message) => new(TurnRejectionReason.InvalidInput, field, message);
}
