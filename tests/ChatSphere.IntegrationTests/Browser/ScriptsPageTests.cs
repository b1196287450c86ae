using System.Text.Json;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatSphere.IntegrationTests.Browser;

/// <summary>The owner's pages with text in any script: right to left where it is Arabic, unchanged, and wrapped inside its box.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ScriptsPageTests(KestrelFactory app, Chromium chromium)
{
    private static readonly string UnspacedChinese = string.Concat(Enumerable.Repeat("宝藏埋在灯塔后面的老橡树下", 15));

    /// <summary>A word no line break fits around: only overflow-wrap keeps it inside its box.</summary>
    private static readonly string LongAddress = "https://example.com/" + new string('x', 300);

    [Fact]
    public async Task Documents_chunks_and_test_retrieval_show_each_text_in_its_own_direction_and_wrap_unspaced_lines()
    {
        var page = await PageSession.SignInAsync(chromium, app);
        var botId = await PageSession.CreateBotAsync(page, "مرشد الجزيرة");
        await Expect(page.Locator(".bot-name", new() { HasText = "مرشد الجزيرة" })).ToHaveCSSAsync("direction", "rtl");

        await page.GotoAsync($"/Bots/{botId}/Documents");
        await page.SetInputFilesAsync("#files", new FilePayload
        {
            Name = "خريطة الكنز.txt", MimeType = "text/plain",
            Buffer = TestFiles.Text($"الكنز مدفون تحت شجرة البلوط القديمة خلف المنارة.\n\n{UnspacedChinese}\n\n{LongAddress}"),
        });
        await page.ClickAsync("#upload-form button[type=submit]");
        await Expect(page.Locator("#documents .doc-stage")).ToHaveTextAsync("ready", new() { Timeout = 60_000 });
        var name = page.Locator("#documents .doc-name a");
        await Expect(name).ToHaveTextAsync("خريطة الكنز.txt");
        await Expect(name).ToHaveCSSAsync("direction", "rtl");
        await Expect(page.Locator("nav .breadcrumb-item.active")).ToHaveCSSAsync("direction", "rtl");

        await name.ClickAsync();
        await Expect(page.Locator("h1")).ToHaveCSSAsync("direction", "rtl");
        var chunks = page.Locator(".chunk-text");
        await Expect(chunks.First).ToContainTextAsync("الكنز مدفون");
        await Expect(chunks.First).ToHaveCSSAsync("direction", "rtl");
        Assert.Contains("宝藏埋在灯塔后面的老橡树下宝藏埋在灯塔后面的老橡树下", string.Concat(await chunks.AllTextContentsAsync()));
        await AssertNoOverflowAsync(page, ".chunk-text");

        await page.GotoAsync($"/Bots/{botId}?q={Uri.EscapeDataString("أين الكنز؟")}");
        await Expect(page.Locator("#test-retrieval input[name=q]")).ToHaveCSSAsync("direction", "rtl");
        await Expect(page.Locator("#results .hit-text").First).ToBeVisibleAsync();
        Assert.Contains("rtl", await page.Locator("#results .hit-text").EvaluateAllAsync<string[]>("hits => hits.map(h => getComputedStyle(h).direction)"));
        await AssertNoOverflowAsync(page, ".hit-text");
    }

    [Fact]
    public async Task The_chat_page_conversations_and_transcript_keep_text_in_any_script_unchanged_and_in_its_own_direction()
    {
        var page = await PageSession.SignInAsync(chromium, app);
        var botId = await PageSession.CreateBotAsync(page, "Scripts");
        // Arabic first, then Chinese and Hindi, an emoji where the conversation's title is cut, and lines with no spaces.
        var question = "أين الكنز؟ 宝藏在哪里？ खजाना कहाँ है? " + new string('.', 43) + "🏝️ " + UnspacedChinese + " " + LongAddress;

        await page.GotoAsync($"/Bots/{botId}/Chat");
        await page.FillAsync("#chat-input", question);
        await page.ClickAsync("#send");
        await Expect(page.Locator(".answer-actions")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        var asked = page.Locator(".chat-message.user");
        Assert.Equal(question, await asked.TextContentAsync());
        await Expect(asked).ToHaveCSSAsync("direction", "rtl");

        // An Arabic answer that quotes a Chinese line and cites a Hebrew document.
        await page.RouteAsync(url => url.Contains("handler=Ask"), route => route.FulfillAsync(new()
        {
            Status = 200,
            ContentType = "text/event-stream",
            Body = "event: done\ndata: " + JsonSerializer.Serialize(new
            {
                done = new
                {
                    conversationId = Guid.NewGuid(), messageId = Guid.NewGuid(), reply = "",
                    citations = new[] { new { chunkId = Guid.NewGuid(), documentId = Guid.NewGuid(), documentName = "מפת האי.txt", snippet = "الكنز مدفون تحت شجرة البلوط." } },
                },
                html = $"<p>الكنز مدفون تحت شجرة البلوط القديمة [1].</p>\n<p>{UnspacedChinese}</p>\n<p>{LongAddress}</p>",
            }) + "\n\n",
        }));
        await page.FillAsync("#chat-input", "وماذا عن الخريطة؟");
        await page.ClickAsync("#send");
        var answer = page.Locator(".chat-message.assistant").Last;
        await Expect(answer.Locator(".citation-chip")).ToHaveCountAsync(1);
        await answer.Locator(".citation-chip").ClickAsync();
        await Expect(answer).ToHaveCSSAsync("direction", "rtl");
        await Expect(answer.Locator(".citation-chip")).ToHaveCSSAsync("direction", "rtl");
        await Expect(answer.Locator(".citation-snippet div")).ToHaveCSSAsync("direction", "rtl");
        await AssertNoOverflowAsync(page, ".chat-message");

        await page.GotoAsync($"/Bots/{botId}/Conversations");
        var title = page.Locator("#conversations td a");
        await Expect(title).ToHaveCSSAsync("direction", "rtl");
        Assert.Equal(question[..76] + "...", await title.TextContentAsync());

        await title.ClickAsync();
        var transcript = page.Locator("#transcript .chat-message.user");
        Assert.Equal(question, (await transcript.TextContentAsync())!.Trim());
        await Expect(transcript).ToHaveCSSAsync("direction", "rtl");
        await AssertNoOverflowAsync(page, "#transcript .chat-message");
    }

    /// <summary>Every element matching <paramref name="selector"/> holds its text without scrolling sideways.</summary>
    private static async Task AssertNoOverflowAsync(IPage page, string selector)
    {
        var widths = await page.Locator(selector).EvaluateAllAsync<int[][]>("boxes => boxes.map(b => [b.scrollWidth, b.clientWidth])");
        Assert.NotEmpty(widths);
        Assert.All(widths, w => Assert.True(w[0] <= w[1], $"{selector}: {w[0]} px of text in {w[1]} px"));
    }
}
