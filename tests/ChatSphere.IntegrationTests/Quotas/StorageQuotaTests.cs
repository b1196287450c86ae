using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.IntegrationTests.Quotas;

/// <summary>Documents, stored bytes and bots, checked before anything is stored.</summary>
[Collection(QuotasCollection.Name)]
public sealed class StorageQuotaTests(QuotasFactory app)
{
    [Fact]
    public async Task Uploads_over_the_stored_bytes_get_413_and_over_the_document_count_403_and_store_nothing()
    {
        var owner = await QuotaOwner.CreateAsync(app);
        var (bot, _) = await owner.CreateBotAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await owner.Api.UploadAsync(bot, "a.txt", TestFiles.Text("Otters hold hands."), "text/plain")).StatusCode);

        // 4 KB in all: this one would take the account past it.
        var big = await owner.Api.UploadAsync(bot, "big.txt", TestFiles.Text(new string('x', QuotasFactory.StoredBytes)), "text/plain");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        var bytes = await big.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("quota_exceeded", "storedBytes"), (bytes.GetProperty("code").GetString(), bytes.GetProperty("quota").GetString()));
        Assert.Contains("past its limit of 4 KB of stored documents", bytes.GetProperty("detail").GetString());
        Assert.Equal(1, await DocumentsAsync(bot));

        Assert.Equal(HttpStatusCode.Accepted, (await owner.Api.UploadAsync(bot, "b.txt", TestFiles.Text("Beavers build dams."), "text/plain")).StatusCode);
        // Across the account's bots: a second bot has no room either.
        var (other, _) = await owner.CreateBotAsync();
        var third = await owner.Api.UploadAsync(other, "c.txt", TestFiles.Text("Penguins."), "text/plain");
        Assert.Equal(HttpStatusCode.Forbidden, third.StatusCode);
        var count = await third.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("documents", count.GetProperty("quota").GetString());
        Assert.Equal("Your account's limit of 2 documents is reached. Delete documents to upload others.", count.GetProperty("detail").GetString());
        Assert.Equal(0, await DocumentsAsync(other));

        // The Documents page says the same and stores nothing either.
        using var browser = await Accounts.BrowserAsync(app, owner.Email);
        var page = $"/Bots/{other}/Documents";
        using var form = BotRoutes.TextFile("files", new Dictionary<string, string> { ["__RequestVerificationToken"] = await browser.AntiforgeryTokenAsync(page) });
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Http.PostAsync($"{page}?handler=Upload", form)).StatusCode);
        Assert.Contains("limit of 2 documents is reached", await browser.GetPageAsync(page));
        Assert.Equal(0, await DocumentsAsync(other));
    }

    [Fact]
    public async Task A_bot_beyond_the_quota_gets_403_on_the_api_and_an_error_on_the_page_and_is_not_created()
    {
        var owner = await QuotaOwner.CreateAsync(app);
        await owner.CreateBotAsync();
        await owner.CreateBotAsync();

        var refused = await owner.Api.Http.PostAsJsonAsync("/api/v1/bots", new { name = "Third" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("bots", 2), (problem.GetProperty("quota").GetString(), problem.GetProperty("limit").GetInt32()));
        Assert.Equal("Your account's limit of 2 bots is reached. Delete a bot to create another.", problem.GetProperty("detail").GetString());

        using var browser = await Accounts.BrowserAsync(app, owner.Email);
        var created = await browser.SubmitAsync("/Bots", new Dictionary<string, string> { ["NewBot.Name"] = "Third" }, "/Bots?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var list = await browser.GetPageAsync("/Bots");
        Assert.Contains("limit of 2 bots is reached", list);
        // The owner sees their usage against the limits at the top of the list.
        Assert.Contains("Bots 2 / 2", list);
        await using var scope = app.CreateScope();
        Assert.Equal(2, await app.Db(scope).Bots.CountAsync(b => b.OwnerId == owner.UserId));
    }

    private async Task<int> DocumentsAsync(Guid bot)
    {
        await using var scope = app.CreateScope();
        var db = app.Db(scope);
        Assert.Equal(0, await db.DocumentContents.CountAsync(c => !db.Documents.Any(d => d.Id == c.DocumentId)));
        return await db.Documents.CountAsync(d => d.BotId == bot);
    }
}
