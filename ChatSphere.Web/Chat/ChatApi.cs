using System.Diagnostics;
using ChatSphere.Agents.Chat;
using ChatSphere.Core.Conversations;
using ChatSphere.Core.Domain;
using ChatSphere.Web.Auth;
using ChatSphere.Web.Bots;
using ChatSphere.Web.Chat;
using ChatSphere.Web.OpenAi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatSphere.Web.Chat;

public static class ChatApi
{
    public const int MaxMessageLength = 4000;
    public const string RequestStartKey = "chatsphere.requestStart";
    internal const int HistoryMessages = 40;

    /// <summary>Chat with a bot, on <see cref="BotGroup.MapBotGroup"/>.</summary>
    public static RouteGroupBuilder MapChatApi(this RouteGroupBuilder bot)
    {
        bot.MapPost("/chat", ChatAsync)
            .WithTags("Chat")
            .WithSummary("Ask the bot. Accept: application/json for one reply, text/event-stream for delta, done and error events.")
            // The handler returns IResult (JSON or a stream), so its responses are declared here.
            .Produces<ChatResponse>(StatusCodes.Status200OK, "application/json", "text/event-stream")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return bot;
    }

    public static async Task<IResult> ChatAsync(
        Guid botId, ChatRequest request, HttpContext http, ConversationService conversations, BotAgent agent)
    {
        var started = Stopwatch.GetTimestamp();
        var authMs = http.Items[RequestStartKey] is long arrived ? Stopwatch.GetElapsedTime(arrived, started).TotalMilliseconds : 0;
        var regenerate = request.Regenerate == true;
        if (TurnError(request.Message, request.ConversationId, regenerate) is var (field, error))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [error] });
        }

        if (await BeginTurnAsync(http.Bot(), http.User.GetUserId(), null, request.ConversationId, request.Message, regenerate, ConversationChannel.Api, conversations, http.RequestAborted)
            is not var (conversation, turn))
        {
            return TypedResults.NotFound();
        }

        var updates = agent.RunAsync(turn, http.RequestAborted);
        var timings = new Dictionary<string, double> { ["authMs"] = authMs, ["loadMs"] = Stopwatch.GetElapsedTime(started).TotalMilliseconds };
        return await ReplyAsync(http, updates, conversation, conversations, started, timings);
    }

    /// <summary>The answer as server-sent events when the client accepts them, else as one JSON reply.</summary>
    internal static async Task<IResult> ReplyAsync(
        HttpContext http, IAsyncEnumerable<ChatUpdate> updates, Conversation conversation, ConversationService conversations, long started,
        Dictionary<string, double> timings)
    {
        if (http.Request.Headers.Accept.Any(a => a?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true))
        {
            return new ChatEventsResult((events, cancellationToken) =>
                WriteEventsAsync(events, updates, conversation, conversations, started, timings, done => done, cancellationToken));
        }

        await foreach (var update in updates)
        {
            switch (update)
            {
                case ChatCompleted done:
                    return TypedResults.Ok(await SaveAsync(done, conversation, conversations, started, timings, http.RequestAborted));
                case ChatFailed failed:
                    return TypedResults.Problem(failed.Detail, statusCode: failed.Retryable ? 503 : 502, title: failed.Code);
            }
        }

        return TypedResults.Problem("The bot did not answer.", statusCode: 500);
    }

    /// <summary>
    /// What is wrong with a turn's input (field and message), or null: a message of 1 to <paramref name="maxLength"/>
    /// characters (4000 unless a caller, such as the widget, allows fewer), or for regenerate a conversation.
    /// </summary>
    internal static (string Field, string Message)? TurnError(string? message, Guid? conversationId, bool regenerate, int maxLength = MaxMessageLength) =>
        regenerate
            ? conversationId is null ? ("conversationId", "Say which conversation's last answer to regenerate.") : null
            : string.IsNullOrWhiteSpace(message) || message.Length > maxLength
                ? ("message", $"Send a message of 1 to {maxLength} characters.")
                : null;

    /// <summary>
    /// Opens the caller's (a user's or a widget visitor's) conversation (or starts one) and stores the question; for regenerate, rewinds to the last
    /// question instead. Null when the conversation is not the caller's or has no question to regenerate.
    /// </summary>
    internal static async Task<(Conversation Conversation, ChatTurn Turn)?> BeginTurnAsync(
        Bot bot, string? userId, string? visitorId, Guid? conversationId, string? message, bool regenerate, ConversationChannel channel,
        ConversationService conversations, CancellationToken cancellationToken)
    {
        var conversation = conversationId is { } id
            ? await conversations.FindAsync(bot.Id, id, userId, visitorId, cancellationToken)
            : await conversations.StartAsync(bot.Id, userId, visitorId, channel, message!.Trim(), cancellationToken);
        if (conversation is null)
        {
            return null;
        }

        if (regenerate)
        {
            // The last question is answered again; the answer it had is replaced.
            return await conversations.RewindToLastQuestionAsync(conversation.Id, HistoryMessages, cancellationToken) is { } rewound
                ? (conversation, new ChatTurn(bot, rewound.History, rewound.Question))
                : null;
        }

        if (conversationId is null)
        {
            // Just started with the question stored: there is no history to read.
            return (conversation, new ChatTurn(bot, [], message!.Trim()));
        }

        var history = await conversations.HistoryAsync(conversation.Id, HistoryMessages, cancellationToken);
        await conversations.AddAsync(conversation, new Message { Role = MessageRole.User, Content = message!.Trim() }, cancellationToken);
        return (conversation, new ChatTurn(bot, history, message.Trim()));
    }

    /// <summary>
    /// The answer as <c>delta</c> events, then <c>done</c> (the stored answer, shaped by <paramref name="doneData"/>) or
    /// <c>error</c>.
    /// </summary>
    internal static async Task WriteEventsAsync(
        ChatEventWriter events, IAsyncEnumerable<ChatUpdate> updates, Conversation conversation, ConversationService conversations, long started,
        IReadOnlyDictionary<string, double> requestTimings, Func<ChatResponse, object> doneData, CancellationToken cancellationToken)
    {
        await foreach (var update in updates.WithCancellation(cancellationToken))
        {
            switch (update)
            {
                case ChatDelta delta:
                    await events.DeltaAsync(delta.Text, cancellationToken);
                    break;
                case ChatCompleted done:
                    var saved = await SaveAsync(done, conversation, conversations, started, requestTimings, cancellationToken);
                    await events.EventAsync("done", doneData(saved), cancellationToken);
                    break;
                case ChatFailed failed:
                    await events.EventAsync("error", new { code = failed.Code, detail = failed.Detail, retryable = failed.Retryable }, cancellationToken);
                    break;
            }
        }
    }

    internal static async Task<ChatResponse> SaveAsync(
        ChatCompleted done, Conversation conversation, ConversationService conversations, long started,
        IReadOnlyDictionary<string, double> requestTimings, CancellationToken cancellationToken)
    {
        var message = await conversations.AddAsync(conversation, new Message
        {
            Role = MessageRole.Assistant,
            Content = done.Reply,
            Citations = [.. done.Citations],
            InputTokens = done.InputTokens,
            OutputTokens = done.OutputTokens,
            LatencyMs = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
        }, cancellationToken);
        return new ChatResponse(
            conversation.Id, message.Id, done.Reply,
            done.Citations.Select(c => new CitationResponse(c.ChunkId, c.DocumentId, c.DocumentName, c.Snippet)).ToList(),
            done.InputTokens is null && done.OutputTokens is null ? null : new UsageResponse(done.InputTokens ?? 0, done.OutputTokens ?? 0),
            done.Offline,
            // authMs: routing, bearer validation and the bot's ownership check; loadMs: conversation and history, storing the question.
            done.Timings.Concat(requestTimings).ToDictionary());
    }
}

/// <summary>A question; or, with <c>regenerate: true</c> and a conversation, a new answer to that conversation's last question.</summary>
public sealed record ChatRequest(string? Message, Guid? ConversationId, bool? Regenerate = null);

/// <summary>The contract's reply, plus <c>offline</c> (the offline answerer replied) and <c>timings</c> (ms spent before the first token).</summary>
public sealed record ChatResponse(
    Guid ConversationId, Guid MessageId, string Reply, List<CitationResponse> Citations, UsageResponse? Usage, bool Offline,
    IReadOnlyDictionary<string, double> Timings);

public sealed record CitationResponse(Guid ChunkId, Guid DocumentId, string DocumentName, string Snippet);

public sealed record UsageResponse(int InputTokens, int OutputTokens);
