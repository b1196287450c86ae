using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace ChatSphere.IntegrationTests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class DocumentsPageTests(KestrelFactory app, Chromium chromium)
{
    [Fact]
    public async Task Uploaded_documents_turn_ready_on_the_page_without_a_reload_and_answer_test_retrieval()
    {
        var page = await PageSession.SignInAsync(chromium, app);
        var botId = await PageSession.CreateBotAsync(page, "Garden helper");
        await page.GotoAsync($"/Bots/{botId}/Documents");

        await page.SetInputFilesAsync("#files", new[]
        {
            new FilePayload { Name = "roses.md", MimeType = "text/markdown", Buffer = TestFiles.Text("# Roses\n\nPrune roses in late winter, just above an outward-facing bud.") },
            new FilePayload { Name = "fake.pdf", MimeType = "application/pdf", Buffer = TestFiles.Text("no pdf here") },
        });
        await page.ClickAsync("#upload-form button[type=submit]");

        // Both outcomes are reported: one queued, one refused with its reason; nothing stored for the refusal.
        var status = page.Locator("[role=status]");
        await Assertions.Expect(status).ToContainTextAsync("roses.md: queued.");
        await Assertions.Expect(status).ToContainTextAsync("fake.pdf:");
        await Assertions.Expect(page.Locator("#documents tbody tr")).ToHaveCountAsync(1);

        // The page polls: mark this document instance, then wait for "ready" with no navigation in between.
        await page.EvaluateAsync("window.__samePage = true");
        await Assertions.Expect(page.Locator("#documents .doc-stage")).ToHaveTextAsync("ready", new() { Timeout = 60_000 });
        Assert.True(await page.EvaluateAsync<bool>("window.__samePage === true"));
        await Assertions.Expect(page.Locator("#documents .doc-chunks")).Not.ToHaveTextAsync("0");

        await page.GotoAsync($"/Bots/{botId}?q=When+should+I+prune+roses");
        var first = page.Locator("#results .search-hit").First;
        await Assertions.Expect(first.Locator(".hit-text")).ToContainTextAsync("Prune roses in late winter");
        // The document goes by its title (the Markdown's first heading), which is not repeated below it.
        await Assertions.Expect(first.Locator("a")).ToHaveTextAsync("Roses");

        await first.Locator("a").ClickAsync();
        await Assertions.Expect(page.Locator("#chunks")).ToContainTextAsync("outward-facing bud");
    }
}
