using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.Core.Bots;

/// <summary>A bot's daily widget token budget: what today (UTC) has used, and adding to it.</summary>
public sealed class TokenBudget(AppDbContext db, TimeProvider clock)
{
    /// <summary>When the budget is spent, how long until it renews (UTC midnight); null while tokens remain.</summary>
    public async Task<TimeSpan?> ExhaustedForAsync(Bot bot, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var used = await db.BotUsage.AsNoTracking()
            .Where(u => u.BotId == bot.Id && u.Day == today)
            .Select(u => u.Tokens)
            .FirstOrDefaultAsync(cancellationToken);
        return used < bot.DailyTokenBudget ? null : today.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - now.UtcDateTime;
    }

    /// <summary>Adds one answered message and its tokens to today's row, atomically (concurrent widget chats add up).</summary>
    public async Task RecordAsync(Guid botId, long tokens, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await db.Database.ExecuteSqlAsync(
            $"""
             INSERT INTO "BotUsage" ("BotId", "Day", "Tokens", "Messages") VALUES ({botId}, {today}, {tokens}, 1)
             ON CONFLICT ("BotId", "Day") DO UPDATE
             SET "Tokens" = "BotUsage"."Tokens" + excluded."Tokens", "Messages" = "BotUsage"."Messages" + 1
             """,
            cancellationToken);
    }
}
