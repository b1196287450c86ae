using System.Net;
using ChatSphere.Core.Accounts;
using ChatSphere.Core.Bots;
using ChatSphere.Core.Domain;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.IntegrationTests.SignUp;

[Collection(SignUpCollection.Name)]
public sealed class AdminUsersTests(SignUpFactory app)
{
    [Fact]
    public async Task Lock_ends_sign_in_and_renews_the_security_stamp_until_unlocked()
    {
        using var admin = await AdminPages.BrowserAsync(app);
        var email = await Accounts.CreateOwnerAsync(app);
        var before = await FindAsync(email);

        Assert.StartsWith("Locked", await AdminPages.UserActionAsync(admin, "Lock", before.Id));
        var locked = await FindAsync(email);
        Assert.Equal(DateTimeOffset.MaxValue.UtcDateTime.Date, locked.LockoutEnd!.Value.UtcDateTime.Date);
        Assert.NotEqual(before.SecurityStamp, locked.SecurityStamp);
        using var owner = app.CreateBrowser();
        var refused = await owner.LoginAsync(email, Accounts.Password);
        Assert.Equal("/Identity/Account/Lockout", refused.Headers.Location!.OriginalString);
        Assert.Contains("Locked", await admin.GetPageAsync(AdminPages.Users));

        Assert.StartsWith("Unlocked", await AdminPages.UserActionAsync(admin, "Unlock", before.Id));
        Assert.Null((await FindAsync(email)).LockoutEnd);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.LoginAsync(email, Accounts.Password)).StatusCode);
        Assert.Contains(email, await owner.GetPageAsync("/Bots"));
    }

    [Fact]
    public async Task Delete_asks_first_then_removes_the_account_and_everything_it_owns()
    {
        using var admin = await AdminPages.BrowserAsync(app);
        var email = await Accounts.CreateOwnerAsync(app);
        var user = await FindAsync(email);
        Guid botId;
        await using (var scope = app.CreateScope())
        {
            botId = (await scope.ServiceProvider.GetRequiredService<BotService>().CreateAsync(user.Id, new BotSettings { Name = "Doomed" })).Id;
        }

        var confirm = $"{AdminPages.Users}/{user.Id}/Delete";
        var page = await admin.GetPageAsync(confirm);
        Assert.Contains(email, page);
        Assert.Contains("1 bot(s)", page);
        Assert.NotNull(await FindOrNullAsync(email));

        var deleted = await admin.SubmitAsync(confirm, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Contains($"Deleted {email}", await admin.GetPageAsync(AdminPages.Users));
        Assert.Null(await FindOrNullAsync(email));
        await using (var scope = app.CreateScope())
        {
            Assert.False(await app.Db(scope).Bots.AnyAsync(b => b.Id == botId));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.GetAsync(confirm)).StatusCode);
    }

    [Fact]
    public async Task Admins_cannot_lock_or_delete_their_own_account()
    {
        using var admin = await AdminPages.BrowserAsync(app);
        var self = await FindAsync(ChatSphereFactory.AdminEmail);

        Assert.Equal("Error: You cannot lock your own account.", await AdminPages.UserActionAsync(admin, "Lock", self.Id));
        var deleted = await admin.SubmitAsync($"{AdminPages.Users}/{self.Id}/Delete", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Contains("You cannot delete your own account.", await admin.GetPageAsync(AdminPages.Users));

        var after = await FindAsync(ChatSphereFactory.AdminEmail);
        Assert.Null(after.LockoutEnd);
        Assert.Equal(self.SecurityStamp, after.SecurityStamp);
    }

    [Fact]
    public async Task The_last_admin_who_can_sign_in_cannot_be_locked_or_deleted()
    {
        using var admin = await AdminPages.BrowserAsync(app);
        var first = await FindAsync(ChatSphereFactory.AdminEmail);
        var second = await CreateAdminAsync();

        // The first locks the second: the first remains.
        Assert.StartsWith("Locked", await AdminPages.UserActionAsync(admin, "Lock", second.Id));
        await using (var scope = app.CreateScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountAdmin>();
            var lockLast = await accounts.LockAsync(second.Id, first.Id);
            Assert.False(lockLast.Succeeded);
            Assert.Contains(AdminGuard.LastAdmin, lockLast.Message);
            Assert.False((await accounts.DeleteAsync(second.Id, first.Id)).Succeeded);
            // Nor through the account's own "delete my data" page, which calls UserManager directly.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var deleteSelf = await users.DeleteAsync((await users.FindByIdAsync(first.Id))!);
            Assert.Equal("LastAdmin", Assert.Single(deleteSelf.Errors).Code);
        }

        Assert.Null((await FindAsync(ChatSphereFactory.AdminEmail)).LockoutEnd);
        Assert.StartsWith("Unlocked", await AdminPages.UserActionAsync(admin, "Unlock", second.Id));

        // Two Admins locking each other at once: the accounts lock lets exactly one through.
        var results = await Task.WhenAll(LockAsAsync(first.Id, second.Id), LockAsAsync(second.Id, first.Id));
        Assert.Single(results, r => r.Succeeded);
        await using (var scope = app.CreateScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountAdmin>();
            await accounts.UnlockAsync(first.Id);
            Assert.True((await accounts.DeleteAsync(first.Id, second.Id)).Succeeded);
        }
    }

    [Fact]
    public async Task Users_page_lists_each_account_with_its_usage_of_the_last_30_days()
    {
        using var admin = await AdminPages.BrowserAsync(app);
        var email = await Accounts.CreateOwnerAsync(app, "busy");
        var user = await FindAsync(email);
        await using (var scope = app.CreateScope())
        {
            var db = app.Db(scope);
            var bot = await scope.ServiceProvider.GetRequiredService<BotService>().CreateAsync(user.Id, new BotSettings { Name = "Busy" });
            db.Documents.AddRange(
                new Document { BotId = bot.Id, FileName = "a.txt", ContentType = "text/plain", Size = 1000, Sha256 = new string('a', 64) },
                new Document { BotId = bot.Id, FileName = "b.txt", ContentType = "text/plain", Size = 2048, Sha256 = new string('b', 64) });
            var conversation = new Conversation { BotId = bot.Id, UserId = user.Id, Channel = ConversationChannel.Api };
            db.Conversations.Add(conversation);
            db.Messages.AddRange(
                new Message { ConversationId = conversation.Id, Role = MessageRole.User, Content = "Q1" },
                new Message { ConversationId = conversation.Id, Role = MessageRole.Assistant, Content = "A1", InputTokens = 100, OutputTokens = 50 },
                new Message { ConversationId = conversation.Id, Role = MessageRole.User, Content = "Old", CreatedAt = DateTimeOffset.UtcNow.AddDays(-40) },
                new Message
                {
                    ConversationId = conversation.Id, Role = MessageRole.Assistant, Content = "Old answer",
                    InputTokens = 1000, OutputTokens = 1000, CreatedAt = DateTimeOffset.UtcNow.AddDays(-40),
                });
            await db.SaveChangesAsync();
        }

        await using (var scope = app.CreateScope())
        {
            var usage = await scope.ServiceProvider.GetRequiredService<UserSummaries>().FindAsync(user.Id);
            Assert.Equal(
                new { Bots = 1, Documents = 2, StoredBytes = 3048L, Questions = 1, ModelTokens = 150L },
                new { usage!.Bots, usage.Documents, usage.StoredBytes, usage.Questions, usage.ModelTokens });
            Assert.Equal([Roles.User], usage.Roles);
            Assert.Equal(AccountStatus.Active, usage.StatusAt(DateTimeOffset.UtcNow));
        }

        var page = await admin.GetPageAsync(AdminPages.Users);
        Assert.Contains($"data-email=\"{email}\"", page);
        Assert.Contains($"href=\"/Admin/Users/{user.Id}/Quotas\"", page);
        Assert.Contains("3 KB", page);
    }

    [Fact]
    public async Task Non_admins_get_403_on_admin_pages_and_anonymous_visitors_are_sent_to_log_in()
    {
        var email = await Accounts.CreateOwnerAsync(app);
        var target = await FindAsync(email);
        using var owner = await Accounts.BrowserAsync(app, email);
        foreach (var path in new[] { AdminPages.Users, AdminPages.SignUp, $"{AdminPages.Users}/{target.Id}/Delete" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await owner.Http.GetAsync(path)).StatusCode);
        }

        var token = await owner.AntiforgeryTokenAsync("/Identity/Account/Manage");
        var post = await owner.Http.PostAsync($"{AdminPages.Users}?handler=Lock&userId={target.Id}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Null((await FindAsync(email)).LockoutEnd);
        Assert.DoesNotContain("href=\"/Admin/Users\"", await owner.GetPageAsync("/Bots"));

        using var anonymous = app.CreateBrowser();
        var redirected = await anonymous.Http.GetAsync(AdminPages.SignUp);
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", redirected.Headers.Location!.PathAndQuery);

        using var admin = await AdminPages.BrowserAsync(app);
        Assert.Contains("href=\"/Admin/Users\"", await admin.GetPageAsync("/Bots"));
    }

    private async Task<AccountChange> LockAsAsync(string adminId, string userId)
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AccountAdmin>().LockAsync(adminId, userId);
    }

    private async Task<AppUser> CreateAdminAsync()
    {
        var email = await Accounts.CreateOwnerAsync(app, "admin");
        await using var scope = app.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        Assert.True((await users.AddToRoleAsync(user, Roles.Admin)).Succeeded);
        return user;
    }

    private async Task<AppUser> FindAsync(string email) =>
        await FindOrNullAsync(email) ?? throw new InvalidOperationException($"No account {email}");

    private async Task<AppUser?> FindOrNullAsync(string email)
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
    }
}
