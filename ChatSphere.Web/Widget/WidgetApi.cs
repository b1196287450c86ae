using ChatSphere.Agents.Chat;
using ChatSphere.Core.Bots;
using ChatSphere.Core.Conversations;
using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Quotas;
using ChatSphere.Web.Chat;
using ChatSphere.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatSphere.Web.Widget;

/// <summary>
/// The public widget's routes. Visitors are anonymous: a session token (minted only for a site on the bot's list) is
/// their only credential, and per-IP, per-visitor, per-bot and daily token budgets bound what they can spend.
/// </summary>
public static class WidgetApi
{
    public static IEndpointRouteBuilder MapWidgetApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/widget").WithTags("Widget").AllowAnonymous().AddEndpointFilter<WidgetRejectionFilter>()
            .WithBodyLimit(BodyLimits.Widget);
        group.MapPost("/sessions", CreateSessionAsync)
            .WithSummary("A short-lived widget session for a bot's public key, minted only for a site on the bot's allowed origins.")
            .Produces<WidgetSessionResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/chat", ChatAsync)
            .WithSummary("Ask the bot as a widget visitor (Authorization: Bearer <session token>); JSON or server-sent events like the chat route.")
            .Produces<ChatResponse>()
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/conversations/{id:guid}", GetConversationAsync)
            .WithSummary("The visitor's own conversation with its messages, to restore the widget after a reload.")
            .Produces<WidgetConversation>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapMethods("/{**path}", [HttpMethods.Options], WidgetCors.PreflightAsync).ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> CreateSessionAsync(
        WidgetSessionRequest request, HttpContext http, AppDbContext db, WidgetSessions sessions, WidgetLimits limits)
    {
        if (string.IsNullOrWhiteSpace(request.BotKey))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["botKey"] = ["Give the bot's public key (data-bot)."] });
        }

        var bot = await db.Bots.AsNoTracking().FirstOrDefaultAsync(b => b.PublicKey == request.BotKey, http.RequestAborted);
        if (bot is null)
        {
            return Problem(404, "not_found", "There is no bot with that key.");
        }

        // Deny by default: no Origin (not a browser page) or a site not on the list gets no session.
        if (WidgetCors.OriginOf(http.Request) is not { } origin || !bot.AllowedOrigins.Contains(origin))
        {
            return Problem(403, "origin_not_allowed", "This assistant is not enabled for this site.");
        }

        WidgetCors.Allow(http.Response, origin);
        if (limits.TryIp(ClientIp(http)) is { } wait)
        {
            return TooManyRequests(http, wait, "rate_limited", "Too many requests from this address. Please wait a moment.");
        }

        return TypedResults.Ok(sessions.Mint(bot, origin, request.VisitorId, preview: false, http.Request.SiteOrigin()));
    }

    public static async Task<IResult> ChatAsync(
        WidgetChatRequest request, HttpContext http, WidgetSessions sessions, WidgetLimits limits, TokenBudget budget,
        ChatTurns turns, IOptions<WidgetOptions> options)
    {
        var (session, bot, usedToday, error) = await OpenAsync(http, sessions, budget);
        if (error is not null)
        {
            return error;
        }

        if ((limits.TryIp(ClientIp(http)) ?? limits.TryMessage($"{bot.Id}:{session.VisitorId}", bot.Id)) is { } wait)
        {
            return TooManyRequests(http, wait, "rate_limited", "You're sending messages faster than this assistant can answer. Please wait a moment.");
        }

        if (budget.ExhaustedFor(bot, usedToday) is { } renewsIn)
        {
            return TooManyRequests(http, renewsIn, "budget_exhausted", "This assistant has answered all it can for today. Please come back tomorrow.");
        }

        var turn = await turns.StartAsync(
            new TurnRequest(ConversationChannel.Widget, bot, TurnCaller.Visitor(session.VisitorId), request.ConversationId, request.Message)
            {
                MaxMessageLength = options.Value.MaxMessageLength,
                ArrivedAt = RequestArrival.Of(http),
                // The owner's account and the bot's daily budget, in one statement: what the answer cost, or what was
                // streamed to a visitor who left mid-answer.
                SpendTokens = (tokens, cancellationToken) => budget.RecordAsync(bot, tokens, cancellationToken),
            },
            http.RequestAborted);
        return turn.Rejection switch
        {
            { Reason: TurnRejectionReason.InvalidInput } invalid =>
                TypedResults.ValidationProblem(new Dictionary<string, string[]> { [invalid.Field] = [invalid.Message] }),
            { Quota: { } quota } => OwnerQuota(http, quota),
            not null => Problem(404, "not_found", "That conversation does not exist."),
            null => await ChatReply.ToResultAsync(http, turn),
        };
    }

    public static async Task<IResult> GetConversationAsync(
        Guid id, HttpContext http, WidgetSessions sessions, WidgetLimits limits, TokenBudget budget, ConversationService conversations)
    {
        var (session, bot, _, error) = await OpenAsync(http, sessions, budget);
        if (error is not null)
        {
            return error;
        }

        if (limits.TryIp(ClientIp(http)) is { } wait)
        {
            return TooManyRequests(http, wait, "rate_limited", "Too many requests from this address. Please wait a moment.");
        }

        var conversation = await conversations.Transcripts(bot.Id)
            .FirstOrDefaultAsync(c => c.Id == id && c.UserId == null && c.VisitorId == session.VisitorId, http.RequestAborted);
        return conversation is null
            ? Problem(404, "not_found", "That conversation does not exist.")
            : TypedResults.Ok(new WidgetConversation(conversation.Id, conversation.Messages.Select(m => new WidgetMessage(
                m.Id, m.Role, m.Content,
                m.Citations.Select(c => new CitationResponse(c.ChunkId, c.DocumentId, c.DocumentName, c.Snippet)).ToList(),
                m.CreatedAt)).ToList()));
    }

    /// <summary>
    /// Reads the session from the bearer token and checks it against the request's site and the bot's list as it is
    /// now (an owner may have removed the site since). On success the response may be read by that site.
    /// </summary>
    private static async Task<(WidgetSession Session, Bot Bot, long UsedToday, IResult? Error)> OpenAsync(
        HttpContext http, WidgetSessions sessions, TokenBudget budget)
    {
        var bearer = http.Request.Headers.Authorization.ToString();
        var session = bearer.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? await sessions.ReadAsync(bearer[7..].Trim()) : null;
        if (session is null)
        {
            return (null!, null!, 0, Problem(401, "session_invalid", "Start a widget session first (POST /api/v1/widget/sessions)."));
        }

        // A preview runs on ChatSphere's own pages, whose same-origin GETs carry no Origin header.
        var origin = WidgetCors.OriginOf(http.Request);
        var ownSite = http.Request.SiteOrigin();
        var sameSite = session.Preview ? session.Origin == ownSite && (origin is null || origin == ownSite) : origin == session.Origin;
        if (!sameSite)
        {
            return (null!, null!, 0, Problem(403, "origin_not_allowed", "This session belongs to another site."));
        }

        if (origin is not null)
        {
            WidgetCors.Allow(http.Response, origin);
        }

        if (sessions.IsExpired(session))
        {
            return (null!, null!, 0, Problem(401, "session_expired", "The widget session has expired; start a new one."));
        }

        // The bot as it is now, with what its widget has spent today (one round trip).
        var found = await budget.FindBotAsync(session.BotId, http.RequestAborted);
        if (found is not var (bot, usedToday) || (!session.Preview && !bot.AllowedOrigins.Contains(session.Origin)))
        {
            http.Response.Headers.Remove("Access-Control-Allow-Origin");
            return (null!, null!, 0, Problem(403, "origin_not_allowed", "This assistant is not enabled for this site."));
        }

        return (session, bot, usedToday, null);
    }

    /// <summary>
    /// The bot owner's account is over a chat quota: the visitor is told which limit in plain words (its numbers are the
    /// owner's business), with <c>quota</c> for the widget to choose its line.
    /// </summary>
    private static IResult OwnerQuota(HttpContext http, QuotaRefusal refusal)
    {
        var detail = refusal.Quota switch
        {
            Quota.MessagesPerMinute => "This assistant has reached its limit of messages per minute. Please wait a moment.",
            Quota.MessagesPerDay => "This assistant has reached its limit of messages for today. Please come back tomorrow.",
            _ => "This assistant has reached its limit of answers for today. Please come back tomorrow.",
        };
        var result = TooManyRequests(http, refusal.RetryAfter ?? TimeSpan.FromMinutes(1), "quota_exceeded", detail);
        result.ProblemDetails.Extensions["quota"] = QuotaProblems.NameOf(refusal.Quota);
        return result;
    }

    private static string ClientIp(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static ProblemHttpResult TooManyRequests(HttpContext http, TimeSpan wait, string code, string detail)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(detail, statusCode: 429, title: "Too many requests",
            extensions: new Dictionary<string, object?> { ["code"] = code, ["retryAfterSeconds"] = seconds });
    }

    private static IResult Problem(int status, string code, string detail) =>
        TypedResults.Problem(detail, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code });
}

public sealed record WidgetSessionRequest(string? BotKey, string? VisitorId);

public sealed record WidgetChatRequest(string? Message, Guid? ConversationId);

public sealed record WidgetConversation(Guid Id, List<WidgetMessage> Messages);

public sealed record WidgetMessage(Guid Id, MessageRole Role, string Content, List<CitationResponse> Citations, DateTimeOffset CreatedAt);
