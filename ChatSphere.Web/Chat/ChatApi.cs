using ChatSphere.Agents.Chat;
using ChatSphere.Core.Bots;
using ChatSphere.Core.Domain;
using ChatSphere.Web.Auth;
using ChatSphere.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace ChatSphere.Web.Chat;

/// <summary>The owner's chat route: a thin adapter from <see cref="ChatRequest"/> to a <see cref="ChatTurns"/> turn and back.</summary>
public static class ChatApi
{
    public static IEndpointRouteBuilder MapChatApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/bots/{botId:guid}/chat", ChatAsync)
            .WithTags("Chat")
            .RequireAuthorization(AuthPolicies.Api)
            .WithSummary("Ask the bot. Accept: application/json for one reply, text/event-stream for delta, done and error events.")
            // The handler returns IResult (JSON or a stream), so its responses are declared here.
            .Produces<ChatResponse>(StatusCodes.Status200OK, "application/json", "text/event-stream")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<IResult> ChatAsync(
        Guid botId, ChatRequest request, HttpContext http, BotService bots, ChatTurns turns, UserManager<AppUser> users)
    {
        var userId = users.GetUserId(http.User)!;
        if (await bots.FindAsync(userId, botId, http.RequestAborted) is not { } bot)
        {
            return TypedResults.NotFound();
        }

        var turn = await turns.StartAsync(
            new TurnRequest(ConversationChannel.Api, bot, TurnCaller.Owner(userId), request.ConversationId, request.Message, request.Regenerate == true)
            {
                ArrivedAt = RequestArrival.Of(http),
            },
            http.RequestAborted);
        return turn.Rejection switch
        {
            { Reason: TurnRejectionReason.InvalidInput } invalid =>
                TypedResults.ValidationProblem(new Dictionary<string, string[]> { [invalid.Field] = [invalid.Message] }),
            not null => TypedResults.NotFound(),
            null => await ChatReply.ToResultAsync(http, turn),
        };
    }
}
