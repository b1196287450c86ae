using ChatSphere.Core.Bots;
using ChatSphere.Core.Domain;
using ChatSphere.Web.Auth;
using ChatSphere.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace ChatSphere.Web.Bots;

public static class BotsApi
{
    public static IEndpointRouteBuilder MapBotsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/bots").WithTags("Bots").RequireAuthorization(AuthPolicies.Api);
        group.MapGet("/", ListBotsAsync).WithSummary("List your bots.");
        group.MapPost("/", CreateBotAsync).WithSummary("Create a bot.");
        group.MapGet("/{botId:guid}", GetBotAsync).WithSummary("One of your bots.");
        group.MapPut("/{botId:guid}", UpdateBotAsync).WithSummary("Change a bot's settings; omitted fields keep their value.");
        group.MapDelete("/{botId:guid}", DeleteBotAsync).WithSummary("Delete a bot and everything under it.");
        return app;
    }

    public static async Task<Ok<List<BotResponse>>> ListBotsAsync(HttpContext http, BotService bots, UserManager<AppUser> users) =>
        TypedResults.Ok((await bots.ListAsync(users.GetUserId(http.User)!, http.RequestAborted)).Select(BotResponse.From).ToList());

    public static async Task<Results<Created<BotResponse>, ValidationProblem>> CreateBotAsync(
        BotSettings request, HttpContext http, BotService bots, UserManager<AppUser> users)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            return ApiValidation.Problem<BotSettings>(http, errors);
        }

        var bot = await bots.CreateAsync(users.GetUserId(http.User)!, request, http.RequestAborted);
        return TypedResults.Created($"/api/v1/bots/{bot.Id}", BotResponse.From(bot));
    }

    public static async Task<Results<Ok<BotResponse>, NotFound>> GetBotAsync(
        Guid botId, HttpContext http, BotService bots, UserManager<AppUser> users) =>
        await bots.FindAsync(users.GetUserId(http.User)!, botId, http.RequestAborted) is { } bot
            ? TypedResults.Ok(BotResponse.From(bot))
            : TypedResults.NotFound();

    public static async Task<Results<Ok<BotResponse>, NotFound, ValidationProblem>> UpdateBotAsync(
        Guid botId, BotSettings request, HttpContext http, BotService bots, UserManager<AppUser> users)
    {
        var ownerId = users.GetUserId(http.User)!;
        if (await bots.FindAsync(ownerId, botId, http.RequestAborted) is not { } current)
        {
            return TypedResults.NotFound();
        }

        if (request.Validate(current) is { Count: > 0 } errors)
        {
            return ApiValidation.Problem<BotSettings>(http, errors);
        }

        var bot = await bots.UpdateAsync(ownerId, botId, request, http.RequestAborted);
        return bot is null ? TypedResults.NotFound() : TypedResults.Ok(BotResponse.From(bot));
    }

    public static async Task<Results<NoContent, NotFound>> DeleteBotAsync(
        Guid botId, HttpContext http, BotService bots, UserManager<AppUser> users) =>
        await bots.DeleteAsync(users.GetUserId(http.User)!, botId, http.RequestAborted)
            ? TypedResults.NoContent()
            : TypedResults.NotFound();
}
