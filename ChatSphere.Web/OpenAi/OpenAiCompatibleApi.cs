using ChatSphere.Agents.Chat;
using ChatSphere.Core.Bots;
using ChatSphere.Core.Domain;
using ChatSphere.Web.Auth;
using ChatSphere.Web.Chat;
using ChatSphere.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatSphere.Web.OpenAi;

/// <summary>
/// OpenAI's models and chat completions API in front of the caller's bots (<c>model</c> = a bot id), so OpenAI client
/// libraries talk to a bot unchanged. Errors on <c>/v1</c> are OpenAI-shaped, from the handlers and, for bare statuses
/// such as the bearer challenge's 401, from <see cref="WriteStatusErrorAsync"/>.
/// </summary>
public static class OpenAiCompatibleApi
{
    public static IEndpointRouteBuilder MapOpenAiCompatibleApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("OpenAI-compatible").RequireAuthorization(AuthPolicies.Api)
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(OpenAiErrorResponse), ["application/json"]));
        group.MapGet("/models", ListModelsAsync).WithSummary("The caller's bots as OpenAI models (id = bot id, name = the bot's name).");
        group.MapGet("/models/{model}", GetModelAsync).WithSummary("One of the caller's bots as an OpenAI model; any other id is 404 model_not_found.");
        group.MapPost("/chat/completions", CompleteAsync)
            .WithBodyLimit(BodyLimits.OpenAiChat)
            .WithSummary("Ask the bot whose id is model, in OpenAI's chat completion format, plain or with stream: true.")
            .WithDescription(
                "Stateless like OpenAI: the last message is the user's question, earlier user and assistant messages are the history. " +
                "System and developer messages are ignored (the bot's house rules and its owner's instructions are its only system prompt), " +
                "and so are sampling parameters (temperature, max_tokens...): the bot's settings decide. n > 1 and client tools are refused. " +
                "A top-level citations array (on the completion, or on the stream's last chunk) lists the sources of the reply's [n] markers. " +
                "The exchange is stored as an OpenAI-channel conversation of the bot, continued when the client resends one stored exchange.")
            .Produces<OpenAiCompletion>(StatusCodes.Status200OK, "application/json")
            .Produces<OpenAiChunk>(StatusCodes.Status200OK, "text/event-stream")
            .Produces<OpenAiErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<OpenAiErrorResponse>(StatusCodes.Status404NotFound)
            .Produces<OpenAiErrorResponse>(StatusCodes.Status413PayloadTooLarge)
            .Produces<OpenAiErrorResponse>(StatusCodes.Status429TooManyRequests)
            .Produces<OpenAiErrorResponse>(StatusCodes.Status502BadGateway)
            .Produces<OpenAiErrorResponse>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<Ok<OpenAiModelList>> ListModelsAsync(HttpContext http, BotService bots)
    {
        var list = await bots.ListAsync(http.User.GetUserId(), http.RequestAborted);
        return TypedResults.Ok(new OpenAiModelList([.. list.Select(ModelOf)]));
    }

    public static async Task<Results<Ok<OpenAiModel>, JsonHttpResult<OpenAiErrorResponse>>> GetModelAsync(
        string model, HttpContext http, BotService bots) =>
        await FindBotAsync(model, http.User.GetUserId(), bots, http.RequestAborted) is { } bot
            ? TypedResults.Ok(ModelOf(bot))
            : ModelNotFound(model);

    public static async Task<IResult> CompleteAsync(
        OpenAiChatRequest request, HttpContext http, BotService bots, ChatTurns turns)
    {
        if (string.IsNullOrWhiteSpace(request.Model))
        {
            return Error(StatusCodes.Status400BadRequest, "You must provide a model parameter: the id of one of your bots (GET /v1/models lists them).", "model");
        }

        if (request.ReadTurn(out var error, out var param) is not var (question, history))
        {
            return Error(StatusCodes.Status400BadRequest, error!, param);
        }

        var userId = http.User.GetUserId();
        if (await FindBotAsync(request.Model, userId, bots, http.RequestAborted) is not { } bot)
        {
            return ModelNotFound(request.Model);
        }

        // The client's messages are the history, as with OpenAI. The exchange is stored as well, continuing the conversation
        // whose stored messages the client resent, so the owner sees one conversation per chat rather than one per question.
        var turn = await turns.StartAsync(
            new TurnRequest(ConversationChannel.OpenAi, bot, TurnCaller.Owner(userId), null, question)
            {
                ClientHistory = history,
                ArrivedAt = RequestArrival.Of(http),
            },
            http.RequestAborted);
        switch (turn.Rejection)
        {
            case { Reason: TurnRejectionReason.InvalidInput } invalid:
                return Error(StatusCodes.Status400BadRequest, invalid.Message, "messages");
            case { Quota: { } quota }:
                // OpenAI's own rate limit errors: 429, code rate_limit_exceeded, type "tokens" or "requests", Retry-After.
                QuotaProblems.SetRetryAfter(http.Response, quota);
                return Error(StatusCodes.Status429TooManyRequests, quota.Message, code: "rate_limit_exceeded",
                    type: quota.Quota == Core.Quotas.Quota.TokensPerDay ? "tokens" : "requests");
            case not null:
                return Error(StatusCodes.Status409Conflict, "The conversation was deleted while this request was being handled. Please try again.");
        }

        var completion = new Completion($"chatcmpl-{Guid.NewGuid():N}", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), bot.Id.ToString());
        if (request.Stream == true)
        {
            var includeUsage = request.StreamOptions?.IncludeUsage == true;
            return new ChatEventsResult((events, cancellationToken) => StreamAsync(events, turn, completion, includeUsage, cancellationToken));
        }

        await foreach (var update in turn.RunAsync(http.RequestAborted))
        {
            switch (update)
            {
                case ChatSaved done:
                    var saved = ChatResponse.From(done);
                    return TypedResults.Ok(new OpenAiCompletion(
                        completion.Id, completion.Created, completion.Model,
                        [new OpenAiChoice(0, new OpenAiAssistantMessage("assistant", saved.Reply), "stop")], UsageOf(saved), saved.Citations));
                case ChatFailed failed:
                    return Failure(failed);
            }
        }

        return Error(StatusCodes.Status500InternalServerError, "The bot did not answer.");
    }

    /// <summary>
    /// OpenAI's stream: chunks whose deltas carry the role, then the text, then <c>finish_reason</c> with the citations;
    /// a usage chunk with no choices when asked for; <c>[DONE]</c>. A failure sends OpenAI's error object and ends.
    /// </summary>
    private static async Task StreamAsync(
        ChatEventWriter events, OpenTurn turn, Completion completion, bool includeUsage, CancellationToken cancellationToken)
    {
        OpenAiChunk Chunk(string? role, string? content, string? finishReason = null) =>
            new(completion.Id, completion.Created, completion.Model, [new OpenAiChunkChoice(0, new OpenAiAssistantMessage(role, content), finishReason)]);

        await events.DataAsync(Chunk("assistant", ""), cancellationToken);
        await foreach (var update in turn.RunAsync(cancellationToken))
        {
            switch (update)
            {
                case ChatDelta delta:
                    await events.DataAsync(Chunk(null, delta.Text), cancellationToken);
                    break;
                case ChatSaved done:
                    var saved = ChatResponse.From(done);
                    await events.DataAsync(Chunk(null, null, "stop") with { Citations = saved.Citations }, cancellationToken);
                    if (includeUsage)
                    {
                        await events.DataAsync(new OpenAiChunk(completion.Id, completion.Created, completion.Model, [], UsageOf(saved)), cancellationToken);
                    }

                    await events.DoneMarkerAsync(cancellationToken);
                    break;
                case ChatFailed failed:
                    await events.DataAsync(Failure(failed).Value!, cancellationToken);
                    break;
            }
        }
    }

    /// <summary>OpenAI-shaped bodies for bare error statuses on <c>/v1</c> (the bearer challenge, unknown routes, unreadable JSON, a body over the limit).</summary>
    public static Task WriteStatusErrorAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var (message, code) = status switch
        {
            401 => ("Send an API token or key as 'Authorization: Bearer ...'. Cookies are not accepted here.", "invalid_api_key"),
            403 => ("This credential may not do that.", null),
            404 => ($"Unknown request URL: {http.Request.Method} {http.Request.Path}.", "unknown_url"),
            405 => ($"{http.Request.Method} is not allowed on {http.Request.Path}.", "method_not_allowed"),
            400 => ("The request body is not valid JSON for this route.", null),
            413 => (RequestBodyLimitMiddleware.LimitOf(http) is { } limit ? BodyLimits.Describe(limit) : "The request body is too large.", "request_too_large"),
            415 => ("Send the request body as application/json.", null),
            429 => ("Too many requests. Please slow down.", "rate_limit_exceeded"),
            _ => ("The server could not handle the request.", (string?)null),
        };
        return Error(status, message, code: code).ExecuteAsync(http);
    }

    /// <summary>The database does not answer (see <see cref="DatabaseUnavailableHandler"/>): a server error a client may retry.</summary>
    public static JsonHttpResult<OpenAiErrorResponse> DatabaseUnavailable =>
        Error(StatusCodes.Status503ServiceUnavailable, Core.Data.DatabaseFailure.Detail, code: "database_unavailable");

    private static JsonHttpResult<OpenAiErrorResponse> Error(int status, string message, string? param = null, string? code = null, string? type = null)
    {
        type ??= status switch
        {
            429 => "requests",
            >= 500 => "server_error",
            _ => "invalid_request_error",
        };
        return TypedResults.Json(new OpenAiErrorResponse(new OpenAiError(message, type, param, code)), statusCode: status);
    }

    private static JsonHttpResult<OpenAiErrorResponse> ModelNotFound(string model) =>
        Error(StatusCodes.Status404NotFound, $"The model '{model}' does not exist or you do not have access to it. Models are your bots' ids (GET /v1/models).", "model", "model_not_found");

    /// <summary>A failed turn: 429 when the model endpoint is rate limited, else 503 when trying again may help, 502 when not.</summary>
    private static JsonHttpResult<OpenAiErrorResponse> Failure(ChatFailed failed) =>
        Error(failed.Code == "rate_limited" ? 429 : failed.Retryable ? 503 : 502, failed.Detail, code: failed.Code);

    /// <summary>
    /// The caller's bot named by <c>model</c>. /v1 has no bot route value (the bot is in the body), so it cannot use the
    /// BotOwner policy of the /api/v1/bots/{botId} routes and calls the same owner-scoped query the policy's handler does.
    /// </summary>
    private static async Task<Bot?> FindBotAsync(string model, string userId, BotService bots, CancellationToken cancellationToken) =>
        Guid.TryParse(model, out var botId) ? await bots.FindAsync(userId, botId, cancellationToken) : null;

    private static OpenAiModel ModelOf(Bot bot) => new(bot.Id.ToString(), bot.CreatedAt.ToUnixTimeSeconds(), bot.Name);

    private static OpenAiUsage UsageOf(ChatResponse saved) => new(saved.Usage?.InputTokens ?? 0, saved.Usage?.OutputTokens ?? 0);

    /// <summary>One completion's identity, the same in every chunk of a stream.</summary>
    private sealed record Completion(string Id, long Created, string Model);
}
