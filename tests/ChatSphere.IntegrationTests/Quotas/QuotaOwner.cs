using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Quotas;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.IntegrationTests.Quotas;

/// <summary>A new owner on the quotas host, with their API client and a way to send one question on each chat channel.</summary>
public sealed record QuotaOwner(QuotasFactory App, string Email, string UserId, ApiClient Api)
{
    public const string Shop = "https://shop.example";

    public static async Task<QuotaOwner> CreateAsync(QuotasFactory app)
    {
        var email = await Accounts.CreateOwnerAsync(app, "quota");
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Accounts.TokenAsync(app, email));
        await using var scope = app.CreateScope();
        var id = await app.Db(scope).Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return new QuotaOwner(app, email, id, new ApiClient(http, app));
    }

    /// <summary>A bot the widget may serve on <see cref="Shop"/>: its id and public key.</summary>
    public async Task<(Guid Id, string Key)> CreateBotAsync(int dailyTokenBudget = 1_000_000)
    {
        var response = await Api.Http.PostAsJsonAsync("/api/v1/bots", new { name = "Quota bot", allowedOrigins = new[] { Shop }, dailyTokenBudget });
        response.EnsureSuccessStatusCode();
        var bot = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (bot.GetProperty("id").GetGuid(), bot.GetProperty("publicKey").GetString()!);
    }

    /// <summary>Sets this account's overrides as an Admin would (null keeps a default).</summary>
    public async Task OverrideAsync(Action<AccountQuota> set)
    {
        await using var scope = App.CreateScope();
        var db = App.Db(scope);
        var row = await db.AccountQuotas.FindAsync(UserId) ?? db.AccountQuotas.Add(new AccountQuota { UserId = UserId }).Entity;
        set(row);
        await db.SaveChangesAsync();
    }

    public async Task<AccountUsage?> TodayAsync()
    {
        await using var scope = App.CreateScope();
        var day = QuotaMath.Day(DateTime.UtcNow);
        return await App.Db(scope).AccountUsage.AsNoTracking().FirstOrDefaultAsync(u => u.UserId == UserId && u.Day == day);
    }

    /// <summary>The bot's stored conversations and messages, to show a refused request added none.</summary>
    public async Task<(int Conversations, int Messages)> StoredAsync(Guid bot)
    {
        await using var scope = App.CreateScope();
        var db = App.Db(scope);
        return (await db.Conversations.CountAsync(c => c.BotId == bot), await db.Messages.CountAsync(m => m.Conversation!.BotId == bot));
    }

    public Task<HttpResponseMessage> AskApiAsync(Guid bot, string message = "Why do otters hold hands?") =>
        Api.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/chat", new { message });

    public Task<HttpResponseMessage> AskOpenAiAsync(Guid bot, string message = "Why do otters hold hands?") =>
        Api.Http.PostAsJsonAsync("/v1/chat/completions", new { model = bot.ToString(), messages = new[] { new { role = "user", content = message } } });

    /// <summary>A widget visitor on <see cref="Shop"/> asks, after starting a session; the chat's response.</summary>
    public async Task<HttpResponseMessage> AskWidgetAsync(string botKey, string message = "Why do otters hold hands?")
    {
        var http = App.CreateClient();
        using var start = new HttpRequestMessage(HttpMethod.Post, "/api/v1/widget/sessions") { Content = JsonContent.Create(new { botKey }) };
        start.Headers.Add("Origin", Shop);
        var session = await http.SendAsync(start);
        Assert.True(session.IsSuccessStatusCode, await session.Content.ReadAsStringAsync());
        var token = (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        var chat = new HttpRequestMessage(HttpMethod.Post, "/api/v1/widget/chat") { Content = JsonContent.Create(new { message }) };
        chat.Headers.Add("Origin", Shop);
        chat.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(chat);
    }

    /// <summary>The owner asks on the bot's Chat page, signed in with a cookie, as chat.js posts.</summary>
    public async Task<HttpResponseMessage> AskPageAsync(Guid bot, string message = "Why do otters hold hands?")
    {
        using var browser = await Accounts.BrowserAsync(App, Email);
        var page = $"/Bots/{bot}/Chat";
        return await browser.SubmitAsync(page, new Dictionary<string, string> { ["message"] = message }, $"{page}?handler=Ask");
    }

    /// <summary>Waits for a fresh clock minute when this one has less than <paramref name="needed"/> left, so a per-minute count is not split.</summary>
    public static async Task FreshMinuteAsync(double needed = 20)
    {
        var left = QuotaMath.UntilNextMinute(DateTime.UtcNow);
        if (left.TotalSeconds < needed)
        {
            await Task.Delay(left + TimeSpan.FromMilliseconds(200));
        }
    }
}
