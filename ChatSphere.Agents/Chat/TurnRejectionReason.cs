namespace ChatSphere.Agents.Chat;

public enum TurnRejectionReason
{
    /// <summary>The message (or, to regenerate, the conversation) is missing or out of bounds.</summary>
    InvalidInput,

    /// <summary>The conversation does not exist or is not the caller's (or, for <c>/v1</c>, was deleted meanwhile).</summary>
    ConversationNotFound,

    /// <summary>Regenerate, but the conversation has no question yet.</summary>
    NothingToRegenerate,

    /// <summary>The bot owner's account is over a chat quota (<see cref="TurnRejection.Quota"/>); every channel counts against it.</summary>
    QuotaExceeded,
}
