using System.Net;
using ChatSphere.Core.Domain;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pgvector;

namespace ChatSphere.IntegrationTests;

[Collection(AppCollection.Name)]
public sealed class BotTests(ChatSphereFactory app)
{
    [Fact]
    public async Task Owner_creates_renames_and_deletes_a_bot_on_the_home_page()
    {
        using var browser = await Accounts.OwnerBrowserAsync(app);
        Assert.Contains("You have no bots yet", await browser.GetPageAsync("/Bots"));

        var created = await browser.SubmitAsync("/Bots", new Dictionary<string, string> { ["NewBot.Name"] = "Docs <b>helper</b>" }, "/Bots?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = await browser.GetPageAsync("/Bots");
        Assert.Contains("Docs &lt;b&gt;helper&lt;/b&gt;", page);
        var id = System.Text.RegularExpressions.Regex.Match(page, "data-bot-id=\"([0-9a-f-]{36})\"").Groups[1].Value;

        var renamed = await browser.SubmitAsync("/Bots", new Dictionary<string, string> { ["Name"] = "Handbook" }, $"/Bots/{id}?handler=Rename");
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        Assert.Contains("Handbook", await browser.GetPageAsync("/Bots"));

        var deleted = await browser.SubmitAsync("/Bots", new Dictionary<string, string>(), $"/Bots/{id}?handler=Delete");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Contains("You have no bots yet", await browser.GetPageAsync("/Bots"));
    }

    [Fact]
    public async Task Empty_name_is_refused_with_a_message_and_nothing_is_created()
    {
        using var browser = await Accounts.OwnerBrowserAsync(app);
        var response = await browser.SubmitAsync("/Bots", new Dictionary<string, string> { ["NewBot.Name"] = "  " }, "/Bots?handler=Create");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Give the bot a name.", html);
        Assert.Contains("You have no bots yet", html);
    }

    [Fact]
    public async Task Deleting_another_users_bot_from_the_page_is_404_and_keeps_it()
    {
        var (owner, bot) = await SeedBotWithEverythingAsync();
        using var browser = await Accounts.OwnerBrowserAsync(app, "intruder");
        var response = await browser.SubmitAsync("/Bots", new Dictionary<string, string>(), $"/Bots/{bot}?handler=Delete");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        await using var scope = app.CreateScope();
        Assert.True(await app.Db(scope).Bots.AnyAsync(b => b.Id == bot && b.OwnerId == owner));
    }

    [Fact]
    public async Task Deleting_a_bot_removes_its_documents_chunks_conversations_and_messages()
    {
        var (_, bot) = await SeedBotWithEverythingAsync();
        await using (var scope = app.CreateScope())
        {
            var db = app.Db(scope);
            var owner = await db.Bots.Where(b => b.Id == bot).Select(b => b.OwnerId).SingleAsync();
            Assert.True(await scope.ServiceProvider.GetRequiredService<ChatSphere.Core.Bots.BotService>().DeleteAsync(owner, bot));
        }

        await AssertNothingLeftAsync(bot);
    }

    [Fact]
    public async Task Deleting_an_account_removes_its_profile_bots_and_everything_under_them()
    {
        var (owner, bot) = await SeedBotWithEverythingAsync();
        await using (var scope = app.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.DeleteAsync((await users.FindByIdAsync(owner))!)).Succeeded);
        }

        await AssertNothingLeftAsync(bot);
        await using var check = app.CreateScope();
        Assert.False(await app.Db(check).UserProfiles.AnyAsync(p => p.UserId == owner));
    }

    private async Task AssertNothingLeftAsync(Guid bot)
    {
        await using var scope = app.CreateScope();
        var db = app.Db(scope);
        Assert.False(await db.Bots.AnyAsync(b => b.Id == bot));
        Assert.False(await db.Documents.AnyAsync(d => d.BotId == bot));
        Assert.False(await db.DocumentContents.AnyAsync(c => db.Documents.Any(d => d.Id == c.DocumentId && d.BotId == bot)));
        Assert.Equal(0, await db.DocumentContents.CountAsync(c => !db.Documents.Any(d => d.Id == c.DocumentId)));
        Assert.False(await db.Chunks.AnyAsync(c => c.BotId == bot));
        Assert.False(await db.Conversations.AnyAsync(c => c.BotId == bot));
        Assert.Equal(0, await db.Messages.CountAsync(m => !db.Conversations.Any(c => c.Id == m.ConversationId)));
    }

    /// <summary>A user with a profile and a bot that has a document (with bytes and a chunk) and a conversation.</summary>
    private async Task<(string Owner, Guid Bot)> SeedBotWithEverythingAsync()
    {
        await using var scope = app.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = Accounts.NewEmail(), Email = Accounts.NewEmail() };
        Assert.True((await users.CreateAsync(user, Accounts.Password)).Succeeded);

        var db = app.Db(scope);
        var bot = new Bot { OwnerId = user.Id, Name = "Seeded" };
        var document = new Document
        {
            Bot = bot, FileName = "a.txt", ContentType = "text/plain", Size = 5, Sha256 = new string('a', 64),
            Content = new DocumentContent { Bytes = "hello"u8.ToArray() },
        };
        document.Chunks.Add(new Chunk
        {
            BotId = bot.Id, Text = "hello", TokenCount = 1, Embedding = new Vector(new[] { 1f, 0f, 0f }),
            EmbeddingModel = "test", EmbeddingDimensions = 3,
        });
        var conversation = new Conversation { Bot = bot, UserId = user.Id, Channel = ConversationChannel.Web };
        conversation.Messages.Add(new Message { Role = MessageRole.User, Content = "hi" });
        conversation.Messages.Add(new Message
        {
            Role = MessageRole.Assistant, Content = "hello [1]",
            Citations = [new Citation { ChunkId = document.Chunks[0].Id, DocumentId = document.Id, DocumentName = "a.txt", Snippet = "hello" }],
        });
        db.AddRange(bot, document, conversation, new UserProfile { UserId = user.Id, DisplayName = "Seeded" });
        await db.SaveChangesAsync();

        var stored = await db.Chunks.AsNoTracking().SingleAsync(c => c.BotId == bot.Id);
        Assert.NotNull(stored.SearchVector);
        return (user.Id, bot.Id);
    }
}
