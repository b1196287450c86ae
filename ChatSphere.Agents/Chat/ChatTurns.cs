using System.Diagnostics;
using ChatSphere.Agents.Answering;
using ChatSphere.Agents.Retrieval;
using ChatSphere.Core.Conversations;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Quotas;
using ChatSphere.Core.Telemetry;

namespace ChatSphere.Agents.Chat;

/// <summary>
/// What happens when someone asks a bot something, the same for every channel (the Chat page, the chat API, the widget,
/// <c>/v1</c>): <see cref="StartAsync"/> checks the question, opens the caller's conversation and stores it, all before
/// a byte is sent; <see cref="OpenTurn.RunAsync"/> then retrieves, answers, streams and stores the answer. A channel
/// maps its input to a <see cref="TurnRequest"/> and writes the updates in its own format.
/// </summary>
public sealed class ChatTurns(
    ConversationService conversations, KnowledgeSearch search, IBotAnswerer answerer, AccountQuotas quotas, ChatSphereMetrics metrics)
{
    /// <summary>Earlier messages a turn reads; the answerer keeps those that fit its prompt.</summary>
    internal const int HistoryMessages = 40;

    /// <summary>
    /// The turn, ready to run; or, with <see cref="OpenTurn.Rejection"/> set, refused (invalid input, the bot owner's
    /// chat quota, a conversation that is not the caller's, nothing to regenerate) before anything was stored.
    /// </summary>
    public async Task<OpenTurn> StartAsync(TurnRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var telemetry = TurnTelemetry.Start(metrics, request, answerer.Mode);
        OpenTurn opened;
        if (TurnInput.Check(request.Message, request.ConversationId, request.Regenerate, request.MaxMessageLength) is { } invalid)
        {
            opened = new OpenTurn(invalid);
        }
        else
        {
            try
            {
                using var load = ChatSphereTelemetry.Source.StartActivity(ChatSphereTelemetry.Spans.Load);
                // Every channel spends the operator's model on the owner's behalf: each turn counts on the owner's account.
                var owner = request.Bot.OwnerId;
                if (await quotas.StartTurnAsync(owner, cancellationToken) is { } refusal)
                {
                    opened = new OpenTurn(new TurnRejection(TurnRejectionReason.QuotaExceeded, "message", refusal.Message) { Quota = refusal });
                }
                else
                {
                    opened = await OpenAsync(request, started, telemetry, cancellationToken);
                    if (opened.Rejection is not null)
                    {
                        // Refused after it was counted (no such conversation): the message was never sent.
                        await quotas.ReturnTurnAsync(owner, cancellationToken);
                    }
                }
            }
            catch
            {
                telemetry.End(cancellationToken.IsCancellationRequested);
                throw;
            }
        }

        if (opened.Rejection is { } rejection)
        {
            telemetry.Refused(rejection);
        }

        return opened;
    }

    /// <summary>
    /// Opens the caller's conversation (or starts one, storing the question in the same round trip) and stores the
    /// question; for regenerate, rewinds to the last question instead.
    /// </summary>
    private async Task<OpenTurn> OpenAsync(TurnRequest request, long started, TurnTelemetry telemetry, CancellationToken cancellationToken)
    {
        var (bot, caller) = (request.Bot, request.Caller);
        var message = request.Message?.Trim();
        var conversationId = request.ClientHistory is { } sent
            ? await conversations.FindByHistoryAsync(
                bot.Id, caller.UserId ?? throw new ArgumentException("A client's history comes with a user.", nameof(request)),
                request.Channel, sent, cancellationToken)
            : request.ConversationId;
        var conversation = conversationId is { } id
            ? await conversations.FindAsync(bot.Id, id, caller.UserId, caller.VisitorId, cancellationToken)
            : await conversations.StartAsync(bot.Id, caller.UserId, caller.VisitorId, request.Channel, message!, cancellationToken);
        if (conversation is null)
        {
            return Refused(TurnRejectionReason.ConversationNotFound, "That conversation does not exist.");
        }

        OpenTurn Ready(ChatTurn turn) => new(new TurnRun(request, conversation, turn, started, telemetry, conversations, search, answerer, quotas));
        if (request.Regenerate)
        {
            // The last question is answered again; the answer it had is replaced.
            return await conversations.RewindToLastQuestionAsync(conversation.Id, HistoryMessages, cancellationToken) is { } rewound
                ? Ready(new ChatTurn(bot, rewound.History, rewound.Question))
                : Refused(TurnRejectionReason.NothingToRegenerate, "That conversation has no question to answer again.");
        }

        // A client that sends its history (/v1) has that history answered, as with OpenAI; the stored one is not read.
        List<(MessageRole Role, string Content)> history = request.ClientHistory is { } client ? [.. client.TakeLast(HistoryMessages)]
            // Just started with the question stored: there is no history to read.
            : conversationId is null ? []
            : await conversations.HistoryAsync(conversation.Id, HistoryMessages, cancellationToken);
        if (conversationId is not null)
        {
            await conversations.AddAsync(conversation, new Message { Role = MessageRole.User, Content = message! }, cancellationToken);
        }

        return Ready(new ChatTurn(bot, history, message!));
    }

    private static OpenTurn Refused(TurnRejectionReason reason, string message) => new(new TurnRejection(reason, "conversationId", message));
}
