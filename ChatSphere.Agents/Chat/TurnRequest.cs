using ChatSphere.Core.Bots;
using ChatSphere.Core.Quotas;
using ChatSphere.Core.Domain;

namespace ChatSphere.Agents.Chat;

/// <summary>A question as a channel received it, for <see cref="ChatTurns.StartAsync"/>.</summary>
/// <param name="Channel">Where it came from; a new conversation is stored on this channel.</param>
/// <param name="Bot">The bot, as the channel's access check loaded it: the turn does not check ownership again.</param>
/// <param name="Caller">Who asks; only their own conversations can be continued.</param>
/// <param name="ConversationId">The conversation to continue; null starts one.</param>
/// <param name="Message">The question; not used when regenerating.</param>
/// <param name="Regenerate">Answer the conversation's last question again, replacing the answer it had.</param>
public sealed record TurnRequest(
    ConversationChannel Channel, Bot Bot, TurnCaller Caller, Guid? ConversationId, string? Message, bool Regenerate = false)
{
    /// <summary>The longest message this channel accepts.</summary>
    public int MaxMessageLength { get; init; } = TurnInput.MaxMessageLength;

    /// <summary>
    /// For a stateless client (<c>/v1</c>): the earlier messages it sent, oldest first. They are the model's history, and
    /// the caller's stored conversation that holds exactly them is continued (else a new one is started).
    /// </summary>
    public IReadOnlyList<(MessageRole Role, string Content)>? ClientHistory { get; init; }

    /// <summary>When the request reached the app (a <see cref="System.Diagnostics.Stopwatch"/> timestamp): the turn's span starts there.</summary>
    public long? ArrivedAt { get; init; }

    /// <summary>
    /// Records the tokens the turn spent, on the bot owner's account and on any budget of the channel: once answered
    /// (before the answer is stored), or, when the caller goes away or the model fails mid-answer, the question and what
    /// was streamed so far. Null: the owner's account only (<see cref="AccountQuotas.RecordTokensAsync"/>). A channel
    /// with a budget of its own records both in one statement (the widget: <see cref="TokenBudget.RecordAsync"/>).
    /// </summary>
    public Func<long, CancellationToken, Task>? SpendTokens { get; init; }
}
