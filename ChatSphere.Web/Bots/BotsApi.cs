using System.ComponentModel.DataAnnotations;
using ChatSphere.Agents.Models;
using ChatSphere.Core.Bots;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Quotas;
using ChatSphere.Web.Auth;
using ChatSphere.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatSphere.Web.Bots;

public static class BotsApi
{
    public static IEndpointRouteBuilder MapBotsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/bots").WithTags("Bots").RequireAuthorization(AuthPolicies.Api);
        group.MapGet("/", ListBotsAsync).WithSummary("List your bots.");
        group.MapPost("/", CreateBotAsync).WithSummary("Create a bot; 403 when the account has as many bots as its quota allows.");
        return app;
    }

    /// <summary>One bot's own routes, on <see cref="BotGroup.MapBotGroup"/>.</summary>
    public static RouteGroupBuilder MapBotApi(this RouteGroupBuilder bot)
    {
        bot.MapGet("", GetBot).WithTags("Bots").WithSummary("One of your bots.");
        bot.MapPut("", UpdateBotAsync).WithTags("Bots").WithSummary("Change a bot's settings; omitted fields keep their value.");
        bot.MapDelete("", DeleteBotAsync).WithTags("Bots").WithSummary("Delete a bot and everything under it.");
        return bot;
    }

    public static async Task<Ok<List<BotResponse>>> ListBotsAsync(HttpContext http, BotService bots) =>
        TypedResults.Ok((await bots.ListAsync(http.User.GetUserId(), http.RequestAborted)).Select(BotResponse.From).ToList());

    public static async Task<Results<Created<BotResponse>, ValidationProblem, ProblemHttpResult>> CreateBotAsync(
        BotSettings request, HttpContext http, BotService bots, BotModelCheck models)
    {
        if (await ValidateAsync(request, null, models, http) is { Count: > 0 } errors)
        {
            return ApiValidation.Problem<BotSettings>(http, errors);
        }

        try
        {
            var bot = await bots.CreateAsync(http.User.GetUserId(), request, http.RequestAborted);
            return TypedResults.Created($"/api/v1/bots/{bot.Id}", BotResponse.From(bot));
        }
        catch (QuotaExceededException ex)
        {
            return QuotaProblems.Of(http, ex.Refusal);
        }
    }

    public static Ok<BotResponse> GetBot(Guid botId, HttpContext http) => TypedResults.Ok(BotResponse.From(http.Bot()));

    public static async Task<Results<Ok<BotResponse>, NotFound, ValidationProblem>> UpdateBotAsync(
        Guid botId, BotSettings request, HttpContext http, BotService bots, BotModelCheck models)
    {
        if (await ValidateAsync(request, http.Bot(), models, http) is { Count: > 0 } errors)
        {
            return ApiValidation.Problem<BotSettings>(http, errors);
        }

        var bot = await bots.UpdateAsync(http.User.GetUserId(), botId, request, http.RequestAborted);
        return bot is null ? TypedResults.NotFound() : TypedResults.Ok(BotResponse.From(bot));
    }

    public static async Task<Results<NoContent, NotFound>> DeleteBotAsync(
        Guid botId, HttpContext http, BotService bots) =>
        await bots.DeleteAsync(http.User.GetUserId(), botId, http.RequestAborted)
            ? TypedResults.NoContent()
            : TypedResults.NotFound();

    /// <summary>The settings' own rules, then the site's models and limits: all errors in one answer, nothing saved.</summary>
    private static async Task<List<ValidationResult>> ValidateAsync(BotSettings request, Bot? current, BotModelCheck models, HttpContext http)
    {
        var errors = request.Validate(current);
        errors.AddRange(await models.CheckAsync(request, current, http.RequestAborted));
        return errors;
    }
}
