using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ChatSphere.IntegrationTests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ChatPageTests(KestrelFactory app, Chromium chromium)
{
    [Fact]
    public async Task An_answer_streams_in_with_citation_chips_and_script_and_image_payloads_stay_inert()
    {
        var page = await PageSession.SignInAsync(chromium, app);
        var requested = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);
        var botId = await PageSession.CreateBotAsync(page, "Treasure map");

        await page.GotoAsync($"/Bots/{botId}/Documents");
        await page.SetInputFilesAsync("#files", new FilePayload
        {
            Name = "map.txt",
            MimeType = "text/plain",
            Buffer = TestFiles.Text(
                "The treasure is buried under the old oak tree <script>window.__pwned = 1</script> beside " +
                "<img src=x onerror=\"window.__pwned = 2\"> ![pixel](http://127.0.0.1:9/leak.png) and [the map](javascript:window.__pwned=3).\n\n" +
                "The island has two beaches and one lighthouse."),
        });
        await page.ClickAsync("#upload-form button[type=submit]");
        await Assertions.Expect(page.Locator("#documents .doc-stage")).ToHaveTextAsync("ready", new() { Timeout = 60_000 });

        await page.GotoAsync($"/Bots/{botId}/Chat");
        await Assertions.Expect(page.Locator("#mode")).ToHaveTextAsync("Offline answerer");
        await page.FillAsync("#chat-input", "Where is the treasure buried?");
        await page.ClickAsync("#send");

        var answer = page.Locator(".chat-message.assistant").Last;
        await Assertions.Expect(answer.Locator(".citation-chip")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Assertions.Expect(answer).ToContainTextAsync("old oak tree");

        // The payloads are shown as text, never run or loaded.
        Assert.True(await page.EvaluateAsync<bool>("typeof window.__pwned === 'undefined'"));
        await Assertions.Expect(page.Locator("#chat img, #chat script, #chat iframe")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#chat a[href^='javascript']")).ToHaveCountAsync(0);
        Assert.DoesNotContain(requested, url => url.Contains("127.0.0.1:9/"));

        // The chip opens the quoted snippet and a link to the document.
        await answer.Locator(".citation-chip").ClickAsync();
        await Assertions.Expect(answer.Locator(".citation-snippet")).ToBeVisibleAsync();
        await Assertions.Expect(answer.Locator(".citation-snippet")).ToContainTextAsync("treasure is buried");

        // Thumbs up is stored; regenerate replaces the answer rather than adding one.
        await answer.Locator(".feedback-up").ClickAsync();
        await Assertions.Expect(answer.Locator(".feedback-up")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("active"));
        await using (var scope = app.CreateScope())
        {
            Assert.True(await app.Db(scope).Messages.AnyAsync(m => m.Feedback == ChatSphere.Core.Domain.MessageFeedback.Up && m.Content.Contains("oak tree")));
        }

        await answer.Locator(".regenerate").ClickAsync();
        await Assertions.Expect(page.Locator(".chat-message.assistant .citation-chip")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".chat-message.user")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".chat-message.assistant")).ToHaveCountAsync(2);
    }
}
