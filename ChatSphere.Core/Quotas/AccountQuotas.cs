using ChatSphere.Core.Bots;
using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatSphere.Core.Quotas;

/// <summary>
/// An account's quotas: its limits (the configured defaults under an Admin's overrides), what it has used, and the
/// checks that refuse a chat turn, an upload or a new bot before anything is stored. Chat is counted in PostgreSQL, so
/// every instance of the site shares the counts.
/// </summary>
public sealed class AccountQuotas(AppDbContext db, IOptions<QuotaOptions> options, TimeProvider clock)
{
    public async Task<QuotaLimits> LimitsAsync(string userId, CancellationToken cancellationToken = default) =>
        options.Value.Limits.With(await db.AccountQuotas.AsNoTracking().FirstOrDefaultAsync(q => q.UserId == userId, cancellationToken));

    /// <summary>
    /// Counts one chat message against the account, or refuses it (per minute, per day, or the day's tokens spent). The
    /// check and the count are one statement, so concurrent turns on any instance cannot pass a limit together.
    /// </summary>
    public async Task<QuotaRefusal?> StartTurnAsync(string userId, CancellationToken cancellationToken = default)
    {
        var limits = await LimitsAsync(userId, cancellationToken);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            // A limit of 0 refuses before the row is written (the insert below would count the first message).
            if (QuotaMath.RefuseTurn(limits, null, now) is { } refused)
            {
                return refused;
            }

            var (day, minute) = (QuotaMath.Day(now), QuotaMath.MinuteOfDay(now));
            var (perMinute, perDay, tokens) = (QuotaMath.Bound(limits.MessagesPerMinute), QuotaMath.Bound(limits.MessagesPerDay), QuotaMath.Bound(limits.TokensPerDay));
            var counted = await db.Database.ExecuteSqlAsync(
                $"""
                 INSERT INTO "AccountUsage" ("UserId", "Day", "Messages", "Tokens", "Minute", "MinuteMessages")
                 VALUES ({userId}, {day}, 1, 0, {minute}, 1)
                 ON CONFLICT ("UserId", "Day") DO UPDATE SET
                     "Messages" = "AccountUsage"."Messages" + 1,
                     "MinuteMessages" = CASE WHEN "AccountUsage"."Minute" = excluded."Minute" THEN "AccountUsage"."MinuteMessages" + 1 ELSE 1 END,
                     "Minute" = excluded."Minute"
                 WHERE "AccountUsage"."Messages" < {perDay} AND "AccountUsage"."Tokens" < {tokens}
                     AND ("AccountUsage"."Minute" <> excluded."Minute" OR "AccountUsage"."MinuteMessages" < {perMinute})
                 """,
                cancellationToken);
            if (counted > 0)
            {
                return null;
            }

            var today = await db.AccountUsage.AsNoTracking().FirstOrDefaultAsync(u => u.UserId == userId && u.Day == day, cancellationToken);
            if (QuotaMath.RefuseTurn(limits, today, now) is { } refusal)
            {
                return refusal;
            }

            // Nothing refuses now: the minute turned between the two statements. Count again, in the new minute.
        }

        throw new InvalidOperationException($"The usage of account {userId} refused a chat turn that no quota explains.");
    }

    /// <summary>Gives back a message <see cref="StartTurnAsync"/> counted for a turn that was refused afterwards.</summary>
    public async Task ReturnTurnAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (day, minute) = (QuotaMath.Day(now), QuotaMath.MinuteOfDay(now));
        await db.Database.ExecuteSqlAsync(
            $"""
             UPDATE "AccountUsage" SET "Messages" = GREATEST("Messages" - 1, 0),
                 "MinuteMessages" = CASE WHEN "Minute" = {minute} THEN GREATEST("MinuteMessages" - 1, 0) ELSE "MinuteMessages" END
             WHERE "UserId" = {userId} AND "Day" = {day}
             """,
            cancellationToken);
    }

    /// <summary>
    /// The upsert that adds tokens to an account's day, in EF's raw SQL placeholders: {0} user, {1} day, {2} tokens,
    /// {3} minute of the day. Shared with <see cref="TokenBudget"/>, which runs it with the bot's budget in one statement.
    /// </summary>
    internal const string AddTokensSql = """
        INSERT INTO "AccountUsage" ("UserId", "Day", "Messages", "Tokens", "Minute", "MinuteMessages")
        VALUES ({0}, {1}, 0, {2}, {3}, 0)
        ON CONFLICT ("UserId", "Day") DO UPDATE SET "Tokens" = "AccountUsage"."Tokens" + excluded."Tokens"
        """;

    /// <summary>Adds the tokens of a turn (every model call of it) to today's count, atomically.</summary>
    public async Task RecordTokensAsync(string userId, long tokens, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Database.ExecuteSqlRawAsync(AddTokensSql, [userId, QuotaMath.Day(now), tokens, QuotaMath.MinuteOfDay(now)], cancellationToken);
    }

    /// <summary>Refuses a new document of <paramref name="size"/> bytes for <paramref name="botId"/>'s owner, or null.</summary>
    public async Task<QuotaRefusal?> CheckUploadAsync(Guid botId, long size, CancellationToken cancellationToken = default)
    {
        var ownerId = await db.Bots.Where(b => b.Id == botId).Select(b => b.OwnerId).FirstAsync(cancellationToken);
        var (documents, bytes) = await DocumentTotalsAsync(ownerId, cancellationToken);
        return QuotaMath.RefuseUpload(await LimitsAsync(ownerId, cancellationToken), documents, bytes, size);
    }

    /// <summary>Refuses one more bot for <paramref name="ownerId"/>, or null.</summary>
    public async Task<QuotaRefusal?> CheckNewBotAsync(string ownerId, CancellationToken cancellationToken = default) =>
        QuotaMath.RefuseBot(await LimitsAsync(ownerId, cancellationToken), await db.Bots.CountAsync(b => b.OwnerId == ownerId, cancellationToken));

    /// <summary>Each quota with what the account has used of it now.</summary>
    public async Task<List<QuotaUsage>> UsageAsync(string userId, CancellationToken cancellationToken = default)
    {
        var limits = await LimitsAsync(userId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var day = QuotaMath.Day(now);
        var today = await db.AccountUsage.AsNoTracking().FirstOrDefaultAsync(u => u.UserId == userId && u.Day == day, cancellationToken);
        var (documents, bytes) = await DocumentTotalsAsync(userId, cancellationToken);
        var bots = await db.Bots.CountAsync(b => b.OwnerId == userId, cancellationToken);
        long Used(Quota quota) => quota switch
        {
            Quota.MessagesPerMinute => today is not null && today.Minute == QuotaMath.MinuteOfDay(now) ? today.MinuteMessages : 0,
            Quota.MessagesPerDay => today?.Messages ?? 0,
            Quota.TokensPerDay => today?.Tokens ?? 0,
            Quota.Documents => documents,
            Quota.StoredBytes => bytes,
            _ => bots,
        };
        return [.. Enum.GetValues<Quota>().Select(q => new QuotaUsage(q, Used(q), limits[q]))];
    }

    private async Task<(long Documents, long Bytes)> DocumentTotalsAsync(string ownerId, CancellationToken cancellationToken)
    {
        var totals = await db.Documents.Where(d => d.Bot!.OwnerId == ownerId)
            .GroupBy(_ => 1)
            .Select(g => new { Count = g.LongCount(), Bytes = g.Sum(d => d.Size) })
            .FirstOrDefaultAsync(cancellationToken);
        return totals is null ? (0, 0) : (totals.Count, totals.Bytes);
    }
}
