using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.Core.Quotas;
using ChatSphere.IntegrationTests.Infrastructure;

namespace ChatSphere.IntegrationTests.Quotas;

/// <summary>Chat quotas on the bot owner's account, counted across every channel and refused on each in its own words.</summary>
[Collection(QuotasCollection.Name)]
public sealed class ChatQuotaTests(QuotasFactory app)
{
    [Fact]
    public async Task Messages_per_minute_add_up_across_channels_and_each_channel_refuses_with_retry_after()
    {
        var owner = await QuotaOwner.CreateAsync(app);
        var (bot, key) = await owner.CreateBotAsync();
        await QuotaOwner.FreshMinuteAsync();

        // Three messages, the minute's quota, on three channels.
        Assert.Equal(HttpStatusCode.OK, (await owner.AskApiAsync(bot)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.AskOpenAiAsync(bot)).StatusCode);
        var widget = await owner.AskWidgetAsync(key);
        Assert.Equal(HttpStatusCode.OK, widget.StatusCode);
        await widget.Content.ReadAsStringAsync();
        var stored = await owner.StoredAsync(bot);

        var api = await owner.AskApiAsync(bot);
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        var retryAfter = RetryAfter(api);
        Assert.InRange(retryAfter, 1, 60);
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
        Assert.Equal("quota_exceeded", problem.GetProperty("code").GetString());
        Assert.Equal("messagesPerMinute", problem.GetProperty("quota").GetString());
        Assert.Equal(QuotasFactory.MessagesPerMinute, problem.GetProperty("limit").GetInt64());
        Assert.StartsWith("Your account's limit of 3 chat messages a minute is reached. Try again in", problem.GetProperty("detail").GetString());

        var v1 = await owner.AskOpenAiAsync(bot);
        Assert.Equal(HttpStatusCode.TooManyRequests, v1.StatusCode);
        Assert.InRange(RetryAfter(v1), 1, 60);
        var error = (await v1.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal(("rate_limit_exceeded", "requests"), (error.GetProperty("code").GetString(), error.GetProperty("type").GetString()));
        Assert.Contains("3 chat messages a minute", error.GetProperty("message").GetString());

        var visitor = await owner.AskWidgetAsync(key);
        Assert.Equal(HttpStatusCode.TooManyRequests, visitor.StatusCode);
        Assert.InRange(RetryAfter(visitor), 1, 60);
        var line = await visitor.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("quota_exceeded", "messagesPerMinute"), (line.GetProperty("code").GetString(), line.GetProperty("quota").GetString()));
        Assert.Equal("This assistant has reached its limit of messages per minute. Please wait a moment.", line.GetProperty("detail").GetString());

        var page = await owner.AskPageAsync(bot);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.InRange(RetryAfter(page), 1, 60);
        Assert.StartsWith("Your account's limit of 3 chat messages a minute is reached.", await page.Content.ReadAsStringAsync());

        // Refused before anything was stored, and not counted.
        Assert.Equal(stored, await owner.StoredAsync(bot));
        Assert.Equal(3, (await owner.TodayAsync())!.Messages);
    }

    [Fact]
    public async Task Messages_per_day_refuse_until_midnight_and_an_admin_override_raises_the_limit()
    {
        var owner = await QuotaOwner.CreateAsync(app);
        var (bot, key) = await owner.CreateBotAsync();
        await owner.OverrideAsync(q => (q.MessagesPerDay, q.MessagesPerMinute) = (2, QuotaLimits.Unlimited));
        Assert.Equal(HttpStatusCode.OK, (await owner.AskApiAsync(bot)).StatusCode);
        var widget = await owner.AskWidgetAsync(key);
        await widget.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, widget.StatusCode);
        var stored = await owner.StoredAsync(bot);

        var refused = await owner.AskApiAsync(bot);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var untilMidnight = QuotaMath.UntilNextDay(DateTime.UtcNow).TotalSeconds;
        Assert.InRange(RetryAfter(refused), untilMidnight - 5, untilMidnight + 5);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("messagesPerDay", problem.GetProperty("quota").GetString());
        Assert.StartsWith("Your account's limit of 2 chat messages a day is reached. It renews at midnight UTC", problem.GetProperty("detail").GetString());
        var visitor = await owner.AskWidgetAsync(key);
        Assert.Equal(HttpStatusCode.TooManyRequests, visitor.StatusCode);
        Assert.Contains("for today", (await visitor.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(stored, await owner.StoredAsync(bot));

        // An Admin raises this account's daily messages on its quotas page; the owner's next question is answered.
        using var admin = await Accounts.BrowserAsync(app, ChatSphereFactory.AdminEmail);
        var url = $"/Admin/Users/{owner.UserId}/Quotas";
        Assert.Contains("Chat messages per day", await admin.GetPageAsync(url));
        var saved = await admin.SubmitAsync(url, new Dictionary<string, string>
        {
            [$"Input[{Quota.MessagesPerDay}]"] = "3",
            [$"Input[{Quota.MessagesPerMinute}]"] = "unlimited",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.AskApiAsync(bot)).StatusCode);
        var page = await admin.GetPageAsync(url);
        Assert.Matches("<tr data-quota=\"MessagesPerDay\">[^<]*<th[^>]*><label[^>]*>Chat messages per day</label></th>\\s*<td class=\"used\">3</td>\\s*<td class=\"limit\">3</td>", page);
    }

    [Fact]
    public async Task The_quotas_page_is_for_admins_and_refuses_what_is_not_a_limit()
    {
        var owner = await QuotaOwner.CreateAsync(app);
        using var browser = await Accounts.BrowserAsync(app, owner.Email);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.Http.GetAsync($"/Admin/Users/{owner.UserId}/Quotas")).StatusCode);

        using var admin = await Accounts.BrowserAsync(app, ChatSphereFactory.AdminEmail);
        var url = $"/Admin/Users/{owner.UserId}/Quotas";
        var refused = await admin.SubmitAsync(url, new Dictionary<string, string> { [$"Input[{Quota.Bots}]"] = "-5" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Bots: leave it blank for the default", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.GetAsync("/Admin/Users/nobody/Quotas")).StatusCode);
    }

    [Fact]
    public async Task Once_the_days_tokens_are_spent_new_turns_are_refused_on_every_channel()
    {
        var owner = await QuotaOwner.CreateAsync(app);
        var (bot, key) = await owner.CreateBotAsync();
        await owner.Api.IngestAsync(bot, "animals.md", TestFiles.Text(ZooBot.Animals));
        await owner.OverrideAsync(q => q.TokensPerDay = 10);

        // A turn starts while tokens remain; what it spent (every model call) is counted on the account.
        var first = await owner.AskApiAsync(bot);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var usage = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("usage");
        var spent = usage.GetProperty("inputTokens").GetInt64() + usage.GetProperty("outputTokens").GetInt64();
        Assert.Equal(spent, (await owner.TodayAsync())!.Tokens);
        var stored = await owner.StoredAsync(bot);

        var api = await owner.AskApiAsync(bot);
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.True(RetryAfter(api) > 0);
        Assert.Equal("tokensPerDay", (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("quota").GetString());
        var v1 = await owner.AskOpenAiAsync(bot);
        Assert.Equal(HttpStatusCode.TooManyRequests, v1.StatusCode);
        var error = (await v1.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal(("rate_limit_exceeded", "tokens"), (error.GetProperty("code").GetString(), error.GetProperty("type").GetString()));
        Assert.StartsWith("Your account's limit of 10 model tokens a day is spent.", error.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.TooManyRequests, (await owner.AskWidgetAsync(key)).StatusCode);
        Assert.Equal(stored, await owner.StoredAsync(bot));
        Assert.Equal(1, (await owner.TodayAsync())!.Messages);
    }

    private static double RetryAfter(HttpResponseMessage response) =>
        double.Parse(Assert.Single(response.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
}
