using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Quotas;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.Core.Bots;

/// <summary>A bot's daily widget token budget: what today (UTC) has used, and adding to it.</summary>
public sealed class TokenBudget(AppDbContext db, TimeProvider clock)
{
    /// <summary>The bot with what its widget has spent today, in one query; null when there is no such bot.</summary>
    public async Task<(Bot Bot, long UsedToday)?> FindBotAsync(Guid botId, CancellationToken cancellationToken = default)
    {
        var today = Today();
        var found = await db.Bots.AsNoTracking()
            .Where(b => b.Id == botId)
            .Select(b => new { Bot = b, Used = db.BotUsage.Where(u => u.BotId == b.Id && u.Day == today).Select(u => u.Tokens).FirstOrDefault() })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.Bot, found.Used);
    }

    /// <summary>When the budget is spent, how long until it renews (UTC midnight); null while tokens remain.</summary>
    public TimeSpan? ExhaustedFor(Bot bot, long usedToday)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return usedToday < bot.DailyTokenBudget ? null : now.Date.AddDays(1) - now;
    }

    /// <summary>
    /// Adds one answered message and its tokens to the bot's row for today, and the tokens to its owner's account usage
    /// (<see cref="AccountQuotas.RecordTokensAsync"/>), atomically and in one round trip: a widget turn's spend is one
    /// statement, not two (concurrent widget chats add up).
    /// </summary>
    public async Task RecordAsync(Bot bot, long tokens, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Database.ExecuteSqlRawAsync(
            RecordSql, [bot.OwnerId, QuotaMath.Day(now), tokens, QuotaMath.MinuteOfDay(now), bot.Id], cancellationToken);
    }

    // The account's upsert as a data-modifying CTE beside the bot's: {4} is the bot.
    private const string RecordSql = "WITH account AS (" + AccountQuotas.AddTokensSql + ")" + """

        INSERT INTO "BotUsage" ("BotId", "Day", "Tokens", "Messages") VALUES ({4}, {1}, {2}, 1)
        ON CONFLICT ("BotId", "Day") DO UPDATE
        SET "Tokens" = "BotUsage"."Tokens" + excluded."Tokens", "Messages" = "BotUsage"."Messages" + 1
        """;

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
