using ChatSphere.Core.Domain;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatSphere.IntegrationTests.Browser.Widget;

[Collection(WidgetBrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class WidgetPageTests(WidgetSiteFactory app, CustomerSite site, Chromium chromium)
{
    private const string Treasure = "The treasure is buried under the old oak tree behind the lighthouse.\n\nThe island has two beaches and one harbour.";
    private static readonly LocatorAssertionsToHaveCountOptions Answered = new() { Timeout = 30_000 };

    [Fact]
    public async Task A_visitor_on_an_allowed_site_gets_a_streamed_answer_with_a_citation_and_continues_after_a_reload()
    {
        var owner = await PageSession.SignInAsync(chromium, app);
        var botId = await PageSession.CreateBotAsync(owner, "Treasure guide");
        await UploadAsync(owner, botId, Treasure);

        // The owner allows the shop and themes the widget on the settings page.
        await owner.GotoAsync($"/Bots/{botId}/Settings");
        await owner.FillAsync("#Input_AllowedOrigins", site.Origin);
        await owner.FillAsync("#Input_WelcomeMessage", "Ahoy! Ask me about the island.");
        await owner.FillAsync("#Input_SuggestedQuestions", "Where is the treasure buried?\nHow many beaches are there?");
        await owner.FillAsync("#Input_WidgetTitle", "Island helper");
        await owner.FillAsync("#Input_WidgetColor", "#aa3300");
        await owner.SelectOptionAsync("#Input_WidgetPosition", "BottomLeft");
        await owner.ClickAsync("#settings-form button[type=submit]");
        await Expect(owner.Locator(".alert-success")).ToContainTextAsync("Settings saved.");
        var key = await KeyAsync(botId);

        var page = await chromium.VisitorAsync();
        await page.GotoAsync(site.Origin + site.Add(CustomerSite.ShopPage(app.SiteUrl, key)));
        var launcher = page.Locator(".launcher");
        await Expect(launcher).ToHaveAttributeAsync("aria-label", "Open chat: Island helper");
        Assert.True((await launcher.BoundingBoxAsync())!.X < 100, "bottom left");

        await launcher.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Island helper" });
        await Expect(dialog).ToBeVisibleAsync();
        Assert.Equal("rgb(170, 51, 0)", await dialog.Locator("header").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        await Expect(dialog.Locator(".welcome")).ToHaveTextAsync("Ahoy! Ask me about the island.");
        await Expect(dialog.Locator(".badge")).ToHaveTextAsync("Offline mode");
        await Expect(dialog.Locator(".suggestion")).ToHaveCountAsync(2);

        var streamed = page.WaitForResponseAsync(r => r.Url.Contains("/api/v1/widget/chat"));
        await dialog.Locator(".suggestion", new() { HasText = "Where is the treasure buried?" }).ClickAsync();
        var answer = dialog.Locator(".msg.assistant").Last;
        await Expect(answer.Locator(".chip")).ToHaveCountAsync(1, Answered);
        await Expect(answer.Locator(".bubble")).ToContainTextAsync("old oak tree");
        Assert.StartsWith("text/event-stream", (await streamed).Headers["content-type"]);
        await Expect(dialog.Locator(".suggestion")).ToHaveCountAsync(0);

        // The chip names the document and opens the quoted passage.
        await Expect(answer.Locator(".chip")).ToContainTextAsync("map.txt");
        await answer.Locator(".chip").ClickAsync();
        await Expect(answer.Locator(".snippet")).ToBeVisibleAsync();
        await Expect(answer.Locator(".snippet")).ToContainTextAsync("treasure is buried");

        var conversationId = Guid.Parse(await page.EvaluateAsync<string>($"localStorage.getItem('chatsphere.conversation.{key}')"));
        var visitorId = await page.EvaluateAsync<string>("localStorage.getItem('chatsphere.visitor')");
        await using (var scope = app.CreateScope())
        {
            var conversation = await app.Db(scope).Conversations.AsNoTracking().SingleAsync(c => c.BotId == Guid.Parse(botId));
            Assert.Equal(conversationId, conversation.Id);
            Assert.Equal(visitorId, conversation.VisitorId);
            Assert.Equal(ConversationChannel.Widget, conversation.Channel);
        }

        // After a reload the conversation is back, and a follow-up (Enter sends) continues it.
        await page.ReloadAsync();
        await page.Locator(".launcher").ClickAsync();
        await Expect(dialog.Locator(".msg.user")).ToHaveTextAsync(["Where is the treasure buried?"]);
        await Expect(dialog.Locator(".msg.assistant .chip")).ToHaveCountAsync(1);
        await Expect(dialog.Locator(".msg.assistant").Last).ToContainTextAsync("old oak tree");
        await dialog.Locator("textarea").FillAsync("How many beaches does the island have?");
        await dialog.Locator("textarea").PressAsync("Enter");
        await Expect(dialog.Locator(".msg.user")).ToHaveCountAsync(2);
        await Expect(dialog.Locator(".msg.assistant:not(.streaming) .chip")).ToHaveCountAsync(2, Answered);
        await Expect(dialog.Locator(".msg.assistant").Last).ToContainTextAsync("two beaches");

        Assert.Equal(conversationId.ToString(), await page.EvaluateAsync<string>($"localStorage.getItem('chatsphere.conversation.{key}')"));
        await using (var scope = app.CreateScope())
        {
            var db = app.Db(scope);
            Assert.Equal(1, await db.Conversations.CountAsync(c => c.BotId == Guid.Parse(botId)));
            Assert.Equal(4, await db.Messages.CountAsync(m => m.ConversationId == conversationId));
        }
    }

    [Fact]
    public async Task A_site_not_on_the_list_is_told_the_assistant_is_not_enabled_and_never_chats()
    {
        var (_, key) = await app.BotAsync("Shop only", allowed: site.Origin);
        var page = await chromium.VisitorAsync();
        var chats = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/v1/widget/chat"))
            {
                chats.Add(request.Url);
            }
        };

        await page.GotoAsync(site.OtherOrigin + site.Add(CustomerSite.ShopPage(app.SiteUrl, key)));
        await page.Locator(".launcher").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator(".state")).ToHaveTextAsync("This assistant is not enabled for this site.");
        await Expect(dialog.Locator("textarea")).ToBeHiddenAsync();
        await Expect(dialog.Locator(".suggestion")).ToHaveCountAsync(0);
        Assert.Empty(chats);
    }

    [Fact]
    public async Task Html_in_the_bot_name_welcome_questions_and_answers_stays_inert()
    {
        const string payload = "<img src=x onerror=\"window.__pwned = 1\">";
        var owner = await PageSession.SignInAsync(chromium, app);
        var botId = await PageSession.CreateBotAsync(owner, "Payload bot");
        await UploadAsync(owner, botId,
            "The treasure is buried under the old oak tree <script>window.__pwned = 2</script> beside " +
            "<img src=x onerror=\"window.__pwned = 3\"> ![pixel](http://127.0.0.1:9/leak.png) and [the map](javascript:window.__pwned=4).");
        await UpdateBotAsync(Guid.Parse(botId), bot =>
        {
            bot.Name = payload;
            bot.WelcomeMessage = $"Welcome {payload} <script>window.__pwned = 5</script>";
            bot.SuggestedQuestions = [$"Where is the treasure buried? {payload}"];
            bot.AllowedOrigins = [site.Origin];
        });

        var page = await chromium.VisitorAsync();
        var requested = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);
        await page.GotoAsync(site.Origin + site.Add(CustomerSite.ShopPage(app.SiteUrl, await KeyAsync(botId))));
        await page.Locator(".launcher").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator(".title")).ToHaveTextAsync(payload);
        await Expect(dialog.Locator(".welcome")).ToContainTextAsync("<script>window.__pwned = 5</script>");

        await dialog.Locator(".suggestion").ClickAsync();
        var answer = dialog.Locator(".msg.assistant").Last;
        await Expect(answer.Locator(".chip")).ToHaveCountAsync(1, Answered);
        await Expect(answer).ToContainTextAsync("old oak tree");
        await Expect(dialog.Locator(".msg.user")).ToContainTextAsync(payload);

        Assert.True(await page.EvaluateAsync<bool>("typeof window.__pwned === 'undefined'"));
        await Expect(dialog.Locator("img:visible, script, iframe")).ToHaveCountAsync(0);
        await Expect(dialog.Locator("a[href^='javascript']")).ToHaveCountAsync(0);
        Assert.DoesNotContain(requested, url => url.Contains("127.0.0.1:9/") || url.EndsWith("/x", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_host_pages_css_does_not_reach_the_widget_and_on_a_phone_the_window_fills_the_screen()
    {
        var (_, key) = await app.BotAsync("Styled", allowed: site.Origin);
        const string hostile = """
            <style>
              html { font-size: 4px !important; }
              * { color: red !important; font: 40px/3 serif !important; box-sizing: content-box !important; background: yellow !important; }
              div, button, textarea { display: none !important; padding: 50px !important; border: 9px solid lime !important; }
              body > div:last-of-type { position: absolute !important; left: -9999px !important; }
            </style>
            """;
        var page = await chromium.VisitorAsync();
        await page.GotoAsync(site.Origin + site.Add(CustomerSite.ShopPage(app.SiteUrl, key, hostile)));

        var launcher = page.Locator(".launcher");
        await Expect(launcher).ToBeVisibleAsync();
        var box = (await launcher.BoundingBoxAsync())!;
        Assert.Equal((56, 56), ((int)box.Width, (int)box.Height));
        Assert.True(box.X > 1280 - 100, "bottom right, where the widget put it");
        await launcher.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeVisibleAsync();
        Assert.Equal(370, (int)(await dialog.BoundingBoxAsync())!.Width);
        var title = dialog.Locator(".title");
        Assert.Equal("rgb(255, 255, 255)", await title.EvaluateAsync<string>("e => getComputedStyle(e).color"));
        Assert.Equal("16px", await title.EvaluateAsync<string>("e => getComputedStyle(e).fontSize"));
        await Expect(dialog.Locator("textarea")).ToBeVisibleAsync();

        // A phone: the window takes the whole screen (measured without the opening animation).
        var phone = await chromium.VisitorAsync(new()
        {
            ViewportSize = new() { Width = 375, Height = 667 }, IsMobile = true, HasTouch = true, ReducedMotion = ReducedMotion.Reduce,
        });
        await phone.GotoAsync(site.Origin + site.Add(CustomerSite.ShopPage(app.SiteUrl, key)));
        await phone.Locator(".launcher").ClickAsync();
        var window = phone.GetByRole(AriaRole.Dialog);
        await Expect(window.Locator("textarea")).ToBeVisibleAsync();
        var full = (await window.BoundingBoxAsync())!;
        Assert.Equal((0, 0, 375, 667), ((int)full.X, (int)full.Y, (int)full.Width, (int)full.Height));
        await window.GetByRole(AriaRole.Button, new() { Name = "Close chat" }).ClickAsync();
        await Expect(window).ToBeHiddenAsync();
        await Expect(phone.Locator(".launcher")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_widget_works_from_the_keyboard()
    {
        var (_, key) = await app.BotAsync("Keyboard", allowed: site.Origin);
        var page = await chromium.VisitorAsync();
        await page.GotoAsync(site.Origin + site.Add(CustomerSite.ShopPage(app.SiteUrl, key)));
        var launcher = page.Locator(".launcher");
        await Expect(launcher).ToHaveAttributeAsync("aria-label", "Open chat: Keyboard");

        // Tab past the page's link reaches the launcher; Enter opens the window with the cursor in the message box.
        await page.Locator("#first-link").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(launcher).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(launcher).ToHaveAttributeAsync("aria-expanded", "true");
        var input = dialog.GetByRole(AriaRole.Textbox, new() { Name = "Your message" });
        await Expect(input).ToBeFocusedAsync();

        // Shift+Enter is a new line, not a send.
        await page.Keyboard.TypeAsync("first line");
        await page.Keyboard.PressAsync("Shift+Enter");
        await page.Keyboard.TypeAsync("second line");
        await Expect(input).ToHaveValueAsync("first line\nsecond line");
        await Expect(dialog.Locator(".msg.user")).ToHaveCountAsync(0);

        // Escape closes the window and gives focus back to the launcher.
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(launcher).ToBeFocusedAsync();
        await Expect(launcher).ToHaveAttributeAsync("aria-expanded", "false");
    }

    [Fact]
    public async Task A_visitor_over_the_rate_limit_gets_a_friendly_message_with_the_wait()
    {
        var (_, key) = await app.BotAsync("Busy", allowed: site.Origin);
        var page = await chromium.VisitorAsync();
        await page.GotoAsync(site.Origin + site.Add(CustomerSite.ShopPage(app.SiteUrl, key)));
        await page.Locator(".launcher").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var input = dialog.Locator("textarea");

        for (var i = 1; i <= WidgetSiteFactory.PerVisitorPerMinute; i++)
        {
            await input.FillAsync($"Question {i}?");
            await input.PressAsync("Enter");
            await Expect(dialog.Locator(".msg.assistant:not(.welcome):not(.streaming)")).ToHaveCountAsync(i, Answered);
        }

        await input.FillAsync("One more?");
        await input.PressAsync("Enter");
        var notice = dialog.Locator(".msg.notice");
        await Expect(notice).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"a little fast\. Please wait \d+ seconds and try again\."));
        await Expect(dialog.Locator(".msg.user")).ToHaveCountAsync(WidgetSiteFactory.PerVisitorPerMinute + 1);
    }

    [Fact]
    public async Task An_expired_session_is_renewed_once_the_avatar_shows_and_a_spent_budget_is_told_plainly()
    {
        var (id, key) = await app.BotAsync("Budget", allowed: site.Origin);
        await using (var scope = app.CreateScope())
        {
            var bots = scope.ServiceProvider.GetRequiredService<ChatSphere.Core.Bots.BotService>();
            var bot = await app.Db(scope).Bots.SingleAsync(b => b.Id == id);
            await bots.SetWidgetAvatarAsync(bot, TestFiles.Png(), "image/png");
        }

        var page = await chromium.VisitorAsync();
        var sessions = 0;
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/v1/widget/sessions") && request.Method == "POST")
            {
                sessions++;
            }
        };

        // The first chat finds its token expired, the last finds the day's budget spent; the one between is real.
        var chats = 0;
        await page.RouteAsync("**/api/v1/widget/chat**", async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }

            chats++;
            var (status, code, retryAfter) = chats switch { 1 => (401, "session_expired", ""), 3 => (429, "budget_exhausted", "36000"), _ => (0, "", "") };
            if (status == 0)
            {
                await route.ContinueAsync();
                return;
            }

            await route.FulfillAsync(new()
            {
                Status = status,
                ContentType = "application/problem+json",
                Headers = new Dictionary<string, string>
                {
                    ["Access-Control-Allow-Origin"] = site.Origin, ["Access-Control-Expose-Headers"] = "Retry-After", ["Retry-After"] = retryAfter,
                },
                Body = $"{{\"status\":{status},\"code\":\"{code}\"}}",
            });
        });

        await page.GotoAsync(site.Origin + site.Add(CustomerSite.ShopPage(app.SiteUrl, key)));
        await Expect(page.Locator(".launcher img")).ToBeVisibleAsync();
        await page.Locator(".launcher").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator("header img")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex($"/widget/avatar/{key}\\?v="));
        Assert.True(await dialog.Locator("header img").EvaluateAsync<bool>("img => img.complete && img.naturalWidth === 1"));

        var input = dialog.Locator("textarea");
        await input.FillAsync("Hello?");
        await input.PressAsync("Enter");
        await Expect(dialog.Locator(".msg.assistant:not(.welcome):not(.streaming)")).ToHaveCountAsync(1, Answered);
        await Expect(dialog.Locator(".msg.notice")).ToHaveCountAsync(0);
        Assert.Equal((2, 2), (sessions, chats));

        await input.FillAsync("And again?");
        await input.PressAsync("Enter");
        await Expect(dialog.Locator(".msg.notice")).ToHaveTextAsync("This assistant has answered all it can for today. Please come back tomorrow.");
    }

    [Fact]
    public async Task Answers_render_as_safe_markdown_with_markers_that_open_their_source()
    {
        var (_, key) = await app.BotAsync("Markdown", allowed: site.Origin);
        var page = await chromium.VisitorAsync();
        var requested = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);
        const string reply = "**Bold** and _italic_ with `<b>code</b>` in snake_case_name and my__private__var [1].\n\n" +
            "- [the map](https://example.com/map) <img src=x onerror=alert(1)>\n- [bad](javascript:alert(1)) ![pixel](http://127.0.0.1:9/leak.png)\n\n" +
            "1. first\n2. mail [us](mailto:crew@example.com)";
        var done = System.Text.Json.JsonSerializer.Serialize(new
        {
            conversationId = Guid.NewGuid(), messageId = Guid.NewGuid(), reply,
            citations = new[] { new { chunkId = Guid.NewGuid(), documentId = Guid.NewGuid(), documentName = "Charts <i>1</i>", snippet = "The map is in the <b>chest</b>." } },
        });
        await page.RouteAsync("**/api/v1/widget/chat**", route => route.Request.Method != "POST" ? route.ContinueAsync() : route.FulfillAsync(new()
        {
            Status = 200,
            ContentType = "text/event-stream",
            Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = site.Origin },
            Body = $"event: delta\ndata: {{\"text\":\"<b>streaming</b>\"}}\n\nevent: done\ndata: {done}\n\n",
        }));

        await page.GotoAsync(site.Origin + site.Add(CustomerSite.ShopPage(app.SiteUrl, key)));
        await page.Locator(".launcher").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("textarea").FillAsync("Show me everything");
        await dialog.Locator("textarea").PressAsync("Enter");
        var bubble = dialog.Locator(".msg.assistant").Last.Locator(".bubble");
        await Expect(bubble.Locator("strong")).ToHaveTextAsync("Bold");
        await Expect(bubble.Locator("em")).ToHaveTextAsync("italic");
        await Expect(bubble.Locator("code")).ToHaveTextAsync("<b>code</b>");
        await Expect(bubble).ToContainTextAsync("snake_case_name and my__private__var");
        await Expect(bubble.Locator("ul > li")).ToHaveCountAsync(2);
        await Expect(bubble.Locator("ol > li")).ToHaveCountAsync(2);
        var link = bubble.Locator("a", new() { HasText = "the map" });
        await Expect(link).ToHaveAttributeAsync("href", "https://example.com/map");
        await Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer nofollow");
        await Expect(link).ToHaveAttributeAsync("target", "_blank");
        await Expect(bubble.Locator("a[href^='mailto:']")).ToHaveTextAsync("us");
        await Expect(bubble.Locator("a")).ToHaveCountAsync(2);
        await Expect(bubble).ToContainTextAsync("<img src=x onerror=alert(1)>");
        await Expect(bubble).ToContainTextAsync("[image: pixel]");
        await Expect(bubble.Locator("img, b, i, script")).ToHaveCountAsync(0);

        // The [1] marker opens the first source's passage; the document's name stays text.
        await bubble.GetByRole(AriaRole.Button, new() { Name = "Source 1: Charts <i>1</i>" }).ClickAsync();
        var answer = dialog.Locator(".msg.assistant").Last;
        await Expect(answer.Locator(".snippet")).ToHaveTextAsync("The map is in the <b>chest</b>.");
        await Expect(answer.Locator(".chip")).ToBeFocusedAsync();
        Assert.DoesNotContain(requested, url => url.Contains("127.0.0.1:9/") || url.Contains("example.com"));
    }

    [Fact]
    public async Task The_bot_page_shows_the_snippet_the_sites_and_a_live_preview()
    {
        var owner = await PageSession.SignInAsync(chromium, app);
        var botId = await PageSession.CreateBotAsync(owner, "Preview bot");
        await UploadAsync(owner, botId, Treasure);
        var key = await KeyAsync(botId);

        await owner.GotoAsync($"/Bots/{botId}");
        await Expect(owner.Locator("#embed-snippet")).ToHaveTextAsync($"<script src=\"{app.SiteUrl}widget.js\" data-bot=\"{key}\" async></script>");
        await Expect(owner.Locator("#no-origins")).ToContainTextAsync("No site is allowed yet: the widget answers nowhere until you add one");

        // The preview answers for real even before a site is allowed, opened inside the page.
        var preview = owner.Locator("#widget-preview").GetByRole(AriaRole.Dialog, new() { Name = "Preview bot" });
        await Expect(preview).ToBeVisibleAsync();
        await preview.Locator("textarea").FillAsync("Where is the treasure buried?");
        await preview.Locator("textarea").PressAsync("Enter");
        await Expect(preview.Locator(".msg.assistant .chip")).ToHaveCountAsync(1, Answered);
        await Expect(preview.Locator(".msg.assistant").Last).ToContainTextAsync("old oak tree");

        await UpdateBotAsync(Guid.Parse(botId), bot => bot.AllowedOrigins = [site.Origin]);
        await owner.ReloadAsync();
        await Expect(owner.Locator("#no-origins")).ToHaveCountAsync(0);
        await Expect(owner.Locator("#origins")).ToContainTextAsync(site.Origin);
    }

    private async Task UpdateBotAsync(Guid id, Action<Bot> change)
    {
        await using var scope = app.CreateScope();
        var db = app.Db(scope);
        var bot = await db.Bots.SingleAsync(b => b.Id == id);
        change(bot);
        bot.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync();
    }

    private async Task<string> KeyAsync(string botId)
    {
        await using var scope = app.CreateScope();
        return await app.Db(scope).Bots.Where(b => b.Id == Guid.Parse(botId)).Select(b => b.PublicKey).SingleAsync();
    }

    private static async Task UploadAsync(IPage owner, string botId, string text)
    {
        await owner.GotoAsync($"/Bots/{botId}/Documents");
        await owner.SetInputFilesAsync("#files", new FilePayload { Name = "map.txt", MimeType = "text/plain", Buffer = TestFiles.Text(text) });
        await owner.ClickAsync("#upload-form button[type=submit]");
        await Expect(owner.Locator("#documents .doc-stage")).ToHaveTextAsync("ready", new() { Timeout = 60_000 });
    }
}
