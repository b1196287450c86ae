using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.Core.Domain;
using ChatSphere.IntegrationTests.Infrastructure;
using ChatSphere.Web.Widget;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.IntegrationTests.Widget;

[Collection(WidgetCollection.Name)]
public sealed class WidgetApiTests(WidgetFactory app)
{
    private const string Shop = "https://shop.example";

    [Fact]
    public async Task Session_for_an_allowed_site_carries_the_bot_and_lets_only_that_site_read_it()
    {
        var (_, _, key) = await CreateBotAsync(new { name = "Shop <b>helper</b>", allowedOrigins = new[] { Shop + "/" }, widgetColor = "#FF0066", widgetPosition = "bottomLeft" });
        using var page = WidgetVisitor.Create(app, Shop);

        using var response = await page.StartSessionAsync(key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Shop, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
        var session = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(session.GetProperty("token").GetString()));
        Assert.True(session.GetProperty("expiresAt").GetDateTimeOffset() < DateTimeOffset.UtcNow.AddMinutes(16));
        Assert.Matches("^[0-9a-f]{32}$", session.GetProperty("visitorId").GetString());
        var bot = session.GetProperty("bot");
        Assert.Equal("Shop <b>helper</b>", bot.GetProperty("name").GetString());
        Assert.True(bot.GetProperty("offline").GetBoolean());
        Assert.Equal(200, bot.GetProperty("maxMessageLength").GetInt32());
        Assert.Equal("#ff0066", bot.GetProperty("theme").GetProperty("color").GetString());
        Assert.Equal("bottom-left", bot.GetProperty("theme").GetProperty("position").GetString());
        Assert.False(session.ToString().Contains("pk_", StringComparison.Ordinal), "The session must not echo keys.");
    }

    [Fact]
    public async Task An_empty_allow_list_allows_no_site_and_other_sites_get_403_without_cors()
    {
        var (_, _, closed) = await CreateBotAsync(new { name = "Closed" });
        var (_, _, open) = await CreateBotAsync(new { name = "Open", allowedOrigins = new[] { Shop } });

        foreach (var (key, origin) in new[] { (closed, Shop), (closed, "https://evil.example"), (open, "https://evil.example"), (open, "http://shop.example"), (open, (string?)null) })
        {
            using var page = WidgetVisitor.Create(app, origin);
            using var response = await page.StartSessionAsync(key);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), $"{origin} must not be allowed to read the answer");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("origin_not_allowed", problem.GetProperty("code").GetString());
            Assert.Contains("not enabled for this site", problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task Preflight_names_only_a_listed_site_and_never_allows_credentials()
    {
        var (_, _, key) = await CreateBotAsync(new { name = "Preflight", allowedOrigins = new[] { Shop } });

        async Task<HttpResponseMessage> PreflightAsync(string origin, string path)
        {
            using var page = WidgetVisitor.Create(app, origin);
            var request = page.Request(HttpMethod.Options, path);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "content-type,authorization");
            return await page.SendAsync(request);
        }

        using var allowed = await PreflightAsync(Shop, $"/api/v1/widget/sessions?botKey={key}");
        Assert.Equal(Shop, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("authorization", allowed.Headers.GetValues("Access-Control-Allow-Headers").Single());
        Assert.False(allowed.Headers.Contains("Access-Control-Allow-Credentials"));

        using var chat = await PreflightAsync(Shop, "/api/v1/widget/chat");
        Assert.Equal(Shop, chat.Headers.GetValues("Access-Control-Allow-Origin").Single());

        using var stranger = await PreflightAsync("https://evil.example", "/api/v1/widget/chat");
        Assert.False(stranger.Headers.Contains("Access-Control-Allow-Origin"));

        var (_, _, otherKey) = await CreateBotAsync(new { name = "Other", allowedOrigins = new[] { "https://other.example" } });
        using var wrongBot = await PreflightAsync(Shop, $"/api/v1/widget/sessions?botKey={otherKey}");
        Assert.False(wrongBot.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_preflight_without_a_bot_key_looks_the_site_up_through_the_index_not_by_scanning_every_bot()
    {
        await CreateBotAsync(new { name = "Indexed", allowedOrigins = new[] { Shop } });
        await using var scope = app.CreateScope();
        var db = app.Db(scope);
        var query = WidgetCors.BotsListing(db, Shop);
        Assert.True(await query.AnyAsync());

        // With sequential scans priced out, the plan shows whether the GIN index can answer the query at all.
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SET enable_seqscan = off; EXPLAIN " + query.ToQueryString().Replace("@origins", "ARRAY['https://shop.example']::text[]")
            .Split('\n').Where(l => !l.StartsWith("--", StringComparison.Ordinal)).Aggregate((a, b) => a + "\n" + b);
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        Assert.Contains(plan, line => line.Contains("IX_Bots_AllowedOrigins", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_visitor_chats_with_citations_and_continues_the_conversation_other_visitors_cannot_see()
    {
        var (owner, botId, key) = await CreateBotAsync(new { name = "Shop", allowedOrigins = new[] { Shop } });
        await owner.IngestAsync(botId, "returns.txt", TestFiles.Text(
            "Returns policy\n\nItems can be returned within 30 days of delivery for a full refund. Shipping costs are not refunded."));
        using var page = WidgetVisitor.Create(app, Shop);
        var (token, visitor) = await page.SessionAsync(key);

        var first = await page.ChatEventsAsync(token, "Within how many days can items be returned?");

        var done = first.Single(e => e.Event == "done").Data;
        Assert.Contains("30 days", Sse.Text(first));
        Assert.Equal("returns.txt", done.GetProperty("citations")[0].GetProperty("documentName").GetString());
        // Where the server's time went is for its owner's telemetry, not for anonymous visitors.
        Assert.False(done.TryGetProperty("timings", out _));
        var conversationId = done.GetProperty("conversationId").GetGuid();

        // A returning visitor (same visitor id, new session) continues the same conversation.
        var (again, sameVisitor) = await page.SessionAsync(key, visitor);
        Assert.Equal(visitor, sameVisitor);
        var second = await page.ChatEventsAsync(again, "Are shipping costs refunded?", conversationId);
        Assert.Equal(conversationId, second.Single(e => e.Event == "done").Data.GetProperty("conversationId").GetGuid());

        using var history = await page.SendAsync(page.Request(HttpMethod.Get, $"/api/v1/widget/conversations/{conversationId}", token: again));
        Assert.Equal(Shop, history.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var messages = (await history.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messages");
        Assert.Equal(["user", "assistant", "user", "assistant"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("returns.txt", messages[1].GetProperty("citations")[0].GetProperty("documentName").GetString());

        await using (var scope = app.CreateScope())
        {
            var conversation = await app.Db(scope).Conversations.AsNoTracking().SingleAsync(c => c.Id == conversationId);
            Assert.Equal((ConversationChannel.Widget, visitor, (string?)null), (conversation.Channel, conversation.VisitorId, conversation.UserId));
        }

        // Another visitor of the same site can neither read nor continue it.
        var (strangerToken, _) = await page.SessionAsync(key);
        using var peek = await page.SendAsync(page.Request(HttpMethod.Get, $"/api/v1/widget/conversations/{conversationId}", token: strangerToken));
        Assert.Equal(HttpStatusCode.NotFound, peek.StatusCode);
        using var hijack = await page.ChatAsync(strangerToken, "And what else?", conversationId);
        Assert.Equal(HttpStatusCode.NotFound, hijack.StatusCode);
    }

    [Fact]
    public async Task Chat_needs_a_session_for_this_site_and_sessions_are_no_api_tokens()
    {
        var (owner, botId, key) = await CreateBotAsync(new { name = "Guarded", allowedOrigins = new[] { Shop } });
        using var page = WidgetVisitor.Create(app, Shop);
        var (token, _) = await page.SessionAsync(key);

        using (var none = await page.SendAsync(page.Request(HttpMethod.Post, "/api/v1/widget/chat", new { message = "hi" })))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        }

        // An owner's API token is not a widget session, and a widget session opens nothing of the owner's API.
        var ownerToken = owner.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        using (var wrongKind = await page.ChatAsync(ownerToken, "hi"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrongKind.StatusCode);
        }

        using var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/bots")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsJsonAsync($"/api/v1/bots/{botId}/chat", new { message = "hi" })).StatusCode);

        // A token lifted from the shop's page and replayed from another site is refused.
        using var elsewhere = WidgetVisitor.Create(app, "https://evil.example");
        using var replay = await elsewhere.ChatAsync(token, "hi");
        Assert.Equal(HttpStatusCode.Forbidden, replay.StatusCode);
        Assert.False(replay.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Removing_a_site_from_the_list_stops_its_open_sessions()
    {
        var (owner, botId, key) = await CreateBotAsync(new { name = "Revoked", allowedOrigins = new[] { Shop } });
        using var page = WidgetVisitor.Create(app, Shop);
        var (token, _) = await page.SessionAsync(key);

        (await owner.Http.PutAsJsonAsync($"/api/v1/bots/{botId}", new { allowedOrigins = Array.Empty<string>() })).EnsureSuccessStatusCode();

        using var response = await page.ChatAsync(token, "hello");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("origin_not_allowed", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_expired_session_says_so_to_its_own_site_and_a_forged_one_is_refused()
    {
        var (owner, botId, key) = await CreateBotAsync(new { name = "Expiring", allowedOrigins = new[] { Shop } });
        Bot bot;
        await using (var scope = app.CreateScope())
        {
            bot = await app.Db(scope).Bots.AsNoTracking().SingleAsync(b => b.Id == botId);
        }

        var services = app.Services;
        var yesterday = new WidgetSessions(
            services.GetRequiredService<ChatSphere.Web.Auth.JwtKeyRing>(),
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ChatSphere.Web.Auth.JwtOptions>>(),
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WidgetOptions>>(),
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ChatSphere.Agents.Models.ModelOptions>>(),
            new FixedClock(DateTimeOffset.UtcNow.AddDays(-1)));
        var expired = yesterday.Mint(bot, Shop, null, preview: false, "http://localhost").Token;
        using var page = WidgetVisitor.Create(app, Shop);

        using var response = await page.ChatAsync(expired, "hello");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(Shop, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("session_expired", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        var (token, _) = await page.SessionAsync(key);
        using var forged = await page.ChatAsync(token[..^4] + "AAAA", "hello");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal("session_invalid", (await forged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Too_many_messages_from_a_visitor_or_to_a_bot_get_429_with_retry_after()
    {
        var (_, _, key) = await CreateBotAsync(new { name = "Busy", allowedOrigins = new[] { Shop } });
        using var page = WidgetVisitor.Create(app, Shop);
        var (token, _) = await page.SessionAsync(key);

        for (var i = 0; i < WidgetFactory.PerVisitorPerMinute; i++)
        {
            using var ok = await page.ChatAsync(token, $"question {i}");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            await ok.Content.ReadAsStringAsync();
        }

        using var limited = await page.ChatAsync(token, "one more");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal(Shop, limited.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("Retry-After", limited.Headers.GetValues("Access-Control-Expose-Headers").Single());
        Assert.Equal("rate_limited", (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        // Other visitors share the bot's own budget: 5 a minute here, 3 of them already spent.
        using var second = WidgetVisitor.Create(app, Shop);
        var (other, _) = await second.SessionAsync(key);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await second.ChatAsync(other, $"question {i}");
            statuses.Add(response.StatusCode);
            await response.Content.ReadAsStringAsync();
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Forwarded_addresses_count_only_from_the_configured_proxy()
    {
        var (_, _, key) = await CreateBotAsync(new { name = "Proxied", allowedOrigins = new[] { Shop } });

        async Task<List<HttpStatusCode>> SessionsAsync(string peer, Func<int, string> forwardedFor)
        {
            using var page = WidgetVisitor.Create(app, Shop, peer);
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i <= WidgetFactory.PerIpPerMinute; i++)
            {
                var request = page.Request(HttpMethod.Post, "/api/v1/widget/sessions", new { botKey = key });
                request.Headers.Add("X-Forwarded-For", forwardedFor(i));
                using var response = await page.SendAsync(request);
                statuses.Add(response.StatusCode);
            }

            return statuses;
        }

        // Anyone else's X-Forwarded-For is ignored: one address, one budget, whatever the header says.
        var direct = await SessionsAsync("203.0.113.77", i => $"192.0.2.{i + 1}");
        Assert.Equal(HttpStatusCode.TooManyRequests, direct[^1]);
        Assert.All(direct[..^1], status => Assert.Equal(HttpStatusCode.OK, status));

        // Through the trusted proxy each forwarded client has its own budget.
        var proxied = await SessionsAsync(WidgetFactory.TrustedProxy, i => $"192.0.2.{i + 100}");
        Assert.All(proxied, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task Long_messages_are_refused_and_a_spent_daily_budget_gets_429_until_midnight()
    {
        var (owner, botId, key) = await CreateBotAsync(new { name = "Budget", allowedOrigins = new[] { Shop }, dailyTokenBudget = 1000 });
        using var page = WidgetVisitor.Create(app, Shop);
        var (token, _) = await page.SessionAsync(key);

        using (var tooLong = await page.ChatAsync(token, new string('a', 201)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
            Assert.Contains("1 to 200 characters", await tooLong.Content.ReadAsStringAsync());
        }

        using (var answered = await page.ChatAsync(token, "hello there"))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            await answered.Content.ReadAsStringAsync();
        }

        await using (var scope = app.CreateScope())
        {
            var db = app.Db(scope);
            var usage = await db.BotUsage.AsNoTracking().SingleAsync(u => u.BotId == botId);
            Assert.Equal(1, usage.Messages);
            Assert.InRange(usage.Tokens, 2, 999);
            await db.BotUsage.Where(u => u.BotId == botId).ExecuteUpdateAsync(u => u.SetProperty(x => x.Tokens, 1000));
        }

        using var spent = await page.ChatAsync(token, "hello again");
        Assert.Equal(HttpStatusCode.TooManyRequests, spent.StatusCode);
        var untilMidnight = DateTime.UtcNow.Date.AddDays(1) - DateTime.UtcNow;
        Assert.InRange(spent.Headers.RetryAfter!.Delta!.Value.TotalSeconds, untilMidnight.TotalSeconds - 60, untilMidnight.TotalSeconds + 60);
        Assert.Equal("budget_exhausted", (await spent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    private async Task<(ApiClient Owner, Guid BotId, string PublicKey)> CreateBotAsync(object settings)
    {
        var owner = await ApiClient.CreateAsync(app);
        var response = await owner.Http.PostAsJsonAsync("/api/v1/bots", settings);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var bot = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (owner, bot.GetProperty("id").GetGuid(), bot.GetProperty("publicKey").GetString()!);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
