using ChatSphere.Core.Domain;

namespace ChatSphere.Core.Quotas;

/// <summary>The arithmetic of quotas, without I/O: clock windows, what is allowed, and which quota refuses and why.</summary>
public static class QuotaMath
{
    public static DateOnly Day(DateTime utc) => DateOnly.FromDateTime(utc);

    /// <summary>The clock minute of the UTC day, 0 to 1439: the per-minute quota's window.</summary>
    public static int MinuteOfDay(DateTime utc) => utc.Hour * 60 + utc.Minute;

    public static TimeSpan UntilNextMinute(DateTime utc) => TimeSpan.FromTicks(TimeSpan.TicksPerMinute - utc.Ticks % TimeSpan.TicksPerMinute);

    /// <summary>Daily quotas renew at UTC midnight.</summary>
    public static TimeSpan UntilNextDay(DateTime utc) => utc.Date.AddDays(1) - utc;

    /// <summary>Whether <paramref name="adding"/> more fits under <paramref name="limit"/> with <paramref name="used"/> spent.</summary>
    public static bool Allows(long limit, long used, long adding = 1) =>
        limit == QuotaLimits.Unlimited || (adding <= limit && used <= limit - adding);

    /// <summary>A limit as a SQL bound: unlimited is the largest number.</summary>
    public static long Bound(long limit) => limit == QuotaLimits.Unlimited ? long.MaxValue : limit;

    /// <summary>
    /// The quota that refuses one more chat turn, given the account's row for today (null when it has none yet), or null.
    /// Tokens are counted after a turn, so a turn starts while any remain.
    /// </summary>
    public static QuotaRefusal? RefuseTurn(QuotaLimits limits, AccountUsage? today, DateTime utc)
    {
        var messages = today?.Messages ?? 0;
        var tokens = today?.Tokens ?? 0;
        var thisMinute = today is not null && today.Minute == MinuteOfDay(utc) ? today.MinuteMessages : 0;
        if (!Allows(limits.MessagesPerDay, messages))
        {
            return Daily(Quota.MessagesPerDay, limits.MessagesPerDay, "is reached", utc);
        }

        if (limits.TokensPerDay != QuotaLimits.Unlimited && tokens >= limits.TokensPerDay)
        {
            return Daily(Quota.TokensPerDay, limits.TokensPerDay, "is spent", utc);
        }

        if (!Allows(limits.MessagesPerMinute, thisMinute))
        {
            var wait = UntilNextMinute(utc);
            return new QuotaRefusal(Quota.MessagesPerMinute, limits.MessagesPerMinute, wait,
                $"Your account's limit of {QuotaText.Limit(Quota.MessagesPerMinute, limits.MessagesPerMinute)} is reached. " +
                $"Try again in {QuotaText.Wait(wait)}.");
        }

        return null;
    }

    /// <summary>The quota that refuses storing one more document of <paramref name="size"/> bytes, or null.</summary>
    public static QuotaRefusal? RefuseUpload(QuotaLimits limits, long documents, long storedBytes, long size)
    {
        if (!Allows(limits.Documents, documents))
        {
            return new QuotaRefusal(Quota.Documents, limits.Documents, null,
                $"Your account's limit of {QuotaText.Limit(Quota.Documents, limits.Documents)} is reached. Delete documents to upload others.");
        }

        return Allows(limits.StoredBytes, storedBytes, size) ? null : new QuotaRefusal(Quota.StoredBytes, limits.StoredBytes, null,
            $"This file ({QuotaText.Amount(Quota.StoredBytes, size)}) would take your account past its limit of " +
            $"{QuotaText.Limit(Quota.StoredBytes, limits.StoredBytes)} ({QuotaText.Amount(Quota.StoredBytes, storedBytes)} used).");
    }

    /// <summary>The quota that refuses one more bot, or null.</summary>
    public static QuotaRefusal? RefuseBot(QuotaLimits limits, long bots) =>
        Allows(limits.Bots, bots) ? null : new QuotaRefusal(Quota.Bots, limits.Bots, null,
            $"Your account's limit of {QuotaText.Limit(Quota.Bots, limits.Bots)} is reached. Delete a bot to create another.");

    private static QuotaRefusal Daily(Quota quota, long limit, string state, DateTime utc)
    {
        var wait = UntilNextDay(utc);
        return new QuotaRefusal(quota, limit, wait,
            $"Your account's limit of {QuotaText.Limit(quota, limit)} {state}. It renews at midnight UTC, in {QuotaText.Wait(wait)}.");
    }
}
