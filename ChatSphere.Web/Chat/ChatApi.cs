using ChatSphere.Agents.Chat;
using ChatSphere.Core.Domain;
using ChatSphere.Web.Auth;
using ChatSphere.Web.Bots;
using ChatSphere.Web.Infrastructure;

namespace ChatSphere.Web.Chat;

/// <summary>The owner's chat route: a thin adapter from <see cref="ChatRequest"/> to a <see cref="ChatTurns"/> turn and back.</summary>
public static class ChatApi
{
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
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return bot;
    }

    public static async Task<IResult> ChatAsync(
        Guid botId, ChatRequest request, HttpContext http, ChatTurns turns)
    {
        var turn = await turns.StartAsync(
            new TurnRequest(ConversationChannel.Api, http.Bot(), TurnCaller.Owner(http.User.GetUserId()), request.ConversationId, request.Message, request.Regenerate == true)
            {
                ArrivedAt = RequestArrival.Of(http),
            },
            http.RequestAborted);
        return turn.Rejection switch
        {
            { Reason: TurnRejectionReason.InvalidInput } invalid =>
                TypedResults.ValidationProblem(new Dictionary<string, string[]> { [invalid.Field] = [invalid.Message] }),
            { Quota: { } quota } => QuotaProblems.Of(http, quota),
            not null => TypedResults.NotFound(),
            null => await ChatReply.ToResultAsync(http, turn),
        };
    }
}
