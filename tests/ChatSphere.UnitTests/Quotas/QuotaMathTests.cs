using ChatSphere.Core.Domain;
using ChatSphere.Core.Quotas;

namespace ChatSphere.UnitTests.Quotas;

public sealed class QuotaMathTests
{
    private static readonly QuotaLimits Limits = new(MessagesPerMinute: 3, MessagesPerDay: 10, TokensPerDay: 1000, Documents: 2, StoredBytes: 1000, Bots: 1);
    private static readonly DateTime At = new(2026, 12, 3, 22, 59, 20, DateTimeKind.Utc);

    [Fact]
    public void The_minute_window_is_the_clock_minute_and_renews_at_its_end()
    {
        Assert.Equal(22 * 60 + 59, QuotaMath.MinuteOfDay(At));
        Assert.Equal(TimeSpan.FromSeconds(40), QuotaMath.UntilNextMinute(At));
        Assert.Equal(TimeSpan.FromMinutes(1), QuotaMath.UntilNextMinute(At.Date.AddMinutes(5)));
    }

    [Fact]
    public void Daily_quotas_renew_at_utc_midnight()
    {
        Assert.Equal(new TimeSpan(1, 0, 40), QuotaMath.UntilNextDay(At));
        Assert.Equal(TimeSpan.FromDays(1), QuotaMath.UntilNextDay(At.Date));
        Assert.Equal(new DateOnly(2026, 12, 3), QuotaMath.Day(At));
    }

    [Theory]
    [InlineData(3, 2, 1, true)]
    [InlineData(3, 3, 1, false)]
    [InlineData(1000, 600, 400, true)]
    [InlineData(1000, 600, 401, false)]
    [InlineData(0, 0, 1, false)]
    [InlineData(QuotaLimits.Unlimited, long.MaxValue, long.MaxValue, true)]
    [InlineData(long.MaxValue, long.MaxValue - 1, 2, false)]
    public void A_limit_allows_what_fits_under_it_and_unlimited_allows_everything(long limit, long used, long adding, bool allowed) =>
        Assert.Equal(allowed, QuotaMath.Allows(limit, used, adding));

    [Fact]
    public void A_turn_is_refused_by_the_minute_with_the_wait_until_the_next_minute()
    {
        var today = Usage(messages: 5, tokens: 10, minute: QuotaMath.MinuteOfDay(At), minuteMessages: 3);

        var refusal = QuotaMath.RefuseTurn(Limits, today, At);

        Assert.Equal((Quota.MessagesPerMinute, 3L, 40), (refusal!.Quota, refusal.Limit, refusal.RetryAfterSeconds));
        Assert.Equal("Your account's limit of 3 chat messages a minute is reached. Try again in 40 seconds.", refusal.Message);
        // The same count in an earlier minute no longer counts.
        Assert.Null(QuotaMath.RefuseTurn(Limits, Usage(5, 10, QuotaMath.MinuteOfDay(At) - 1, 3), At));
    }

    [Fact]
    public void A_spent_day_refuses_until_midnight_naming_messages_before_tokens()
    {
        var messages = QuotaMath.RefuseTurn(Limits, Usage(messages: 10, tokens: 5000, minute: 0, minuteMessages: 0), At)!;
        Assert.Equal((Quota.MessagesPerDay, 3640), (messages.Quota, messages.RetryAfterSeconds));
        Assert.Equal("Your account's limit of 10 chat messages a day is reached. It renews at midnight UTC, in 61 minutes.", messages.Message);

        var tokens = QuotaMath.RefuseTurn(Limits, Usage(messages: 9, tokens: 1000, minute: 0, minuteMessages: 0), At)!;
        Assert.Equal(Quota.TokensPerDay, tokens.Quota);
        Assert.StartsWith("Your account's limit of 1,000 model tokens a day is spent.", tokens.Message);
        // A turn starts while any token remains: its cost is only known once it has run.
        Assert.Null(QuotaMath.RefuseTurn(Limits, Usage(messages: 9, tokens: 999, minute: 0, minuteMessages: 0), At));
    }

    [Fact]
    public void Zero_refuses_the_first_message_and_unlimited_never_refuses()
    {
        Assert.Equal(Quota.MessagesPerDay, QuotaMath.RefuseTurn(Limits with { MessagesPerDay = 0 }, null, At)!.Quota);
        var unlimited = new QuotaLimits(-1, -1, -1, -1, -1, -1);
        Assert.Null(QuotaMath.RefuseTurn(unlimited, Usage(int.MaxValue, long.MaxValue, QuotaMath.MinuteOfDay(At), int.MaxValue), At));
        Assert.Null(QuotaMath.RefuseUpload(unlimited, long.MaxValue, long.MaxValue, long.MaxValue));
        Assert.Null(QuotaMath.RefuseBot(unlimited, long.MaxValue));
    }

    [Fact]
    public void Uploads_are_refused_by_count_first_then_by_the_bytes_they_would_add()
    {
        var count = QuotaMath.RefuseUpload(Limits, documents: 2, storedBytes: 0, size: 1)!;
        Assert.Equal((Quota.Documents, (int?)null), (count.Quota, count.RetryAfterSeconds));
        Assert.Equal("Your account's limit of 2 documents is reached. Delete documents to upload others.", count.Message);

        var bytes = QuotaMath.RefuseUpload(Limits, documents: 1, storedBytes: 600, size: 401)!;
        Assert.Equal(Quota.StoredBytes, bytes.Quota);
        Assert.Equal("This file (401 B) would take your account past its limit of 1000 B of stored documents (600 B used).", bytes.Message);
        Assert.Null(QuotaMath.RefuseUpload(Limits, documents: 1, storedBytes: 600, size: 400));
    }

    [Fact]
    public void Bots_are_refused_at_the_limit()
    {
        Assert.Null(QuotaMath.RefuseBot(Limits, 0));
        Assert.Equal("Your account's limit of 1 bots is reached. Delete a bot to create another.", QuotaMath.RefuseBot(Limits, 1)!.Message);
    }

    [Theory]
    [InlineData(Quota.StoredBytes, 1536, "1.5 KB")]
    [InlineData(Quota.StoredBytes, 1073741824, "1 GB")]
    [InlineData(Quota.StoredBytes, 20971520, "20 MB")]
    [InlineData(Quota.TokensPerDay, 1000000, "1,000,000")]
    [InlineData(Quota.Bots, QuotaLimits.Unlimited, "unlimited")]
    public void Amounts_read_as_the_quota_counts_them(Quota quota, long value, string text) =>
        Assert.Equal(text, QuotaText.Amount(quota, value));

    [Fact]
    public void An_overrides_null_keeps_the_default_and_a_value_replaces_it()
    {
        var limits = Limits.With(new AccountQuota { UserId = "u", MessagesPerDay = 50, Bots = QuotaLimits.Unlimited });

        Assert.Equal(Limits with { MessagesPerDay = 50, Bots = -1 }, limits);
        Assert.Same(Limits, Limits.With(null));
    }

    private static AccountUsage Usage(int messages, long tokens, int minute, int minuteMessages) =>
        new() { UserId = "u", Day = QuotaMath.Day(At), Messages = messages, Tokens = tokens, Minute = minute, MinuteMessages = minuteMessages };
}
