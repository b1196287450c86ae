using System.Text.Json;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatSphere.IntegrationTests.Browser.Widget;

/// <summary>The widget in the visitor's language, and text in any script in the widget.</summary>
[Collection(WidgetBrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class WidgetLanguageTests(WidgetSiteFactory app, CustomerSite site, Chromium chromium)
{
    private static readonly LocatorAssertionsToHaveCountOptions Answered = new() { Timeout = 30_000 };

    [Theory]
    [InlineData("de-DE", "de", "Stellen Sie eine Frage…", "Chat schließen",
        "Ihre Nachricht ist zu lang. Bitte schreiben Sie höchstens 1.000 Zeichen.",
        "Sie senden Nachrichten etwas zu schnell. Bitte warten Sie 7 Sekunden und versuchen Sie es dann erneut.")]
    [InlineData("ja-JP", "ja", "質問を入力してください…", "チャットを閉じる",
        "メッセージが長すぎます。1,000 文字以内で入力してください。",
        "メッセージの送信が少し速すぎます。7 秒待ってから、もう一度お試しください。")]
    [InlineData("zh-CN", "zh", "请输入您的问题…", "关闭聊天",
        "消息过长，请不要超过 1,000 个字符。",
        "您发送消息的速度有点快。请等待7秒钟后再试。")]
    [InlineData("fi-FI", "en", "Ask a question…", "Close chat",
        "Your message is too long. Please keep it to 1,000 characters.",
        "You’re sending messages a little fast. Please wait 7 seconds and try again.")]
    public async Task The_widgets_own_words_and_errors_follow_the_browser_language_with_english_for_any_other(
        string locale, string language, string placeholder, string close, string tooLong, string tooFast)
    {
        var (_, key) = await app.BotAsync("Polyglot", allowed: site.Origin);
        var page = await chromium.VisitorAsync(new() { Locale = locale });

        // The server's refusals carry English sentences; the widget says them in its own language, by their code.
        var chats = 0;
        await page.RouteAsync("**/api/v1/widget/chat**", route => route.Request.Method != "POST" ? route.ContinueAsync() : ++chats == 1
            ? Refuse(route, 400, """{"status":400,"errors":{"message":["Send a message of 1 to 1000 characters."]}}""")
            : Refuse(route, 429, """{"status":429,"code":"rate_limited","retryAfterSeconds":7}""", retryAfter: "7"));

        await page.GotoAsync(site.Origin + site.Add(CustomerSite.ShopPage(app.SiteUrl, key)));
        await Expect(page.Locator(".root")).ToHaveAttributeAsync("lang", language);
        await page.Locator(".launcher").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Polyglot" });
        var input = dialog.Locator("textarea");
        await Expect(input).ToHaveAttributeAsync("placeholder", placeholder);
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = close, Exact = true })).ToBeVisibleAsync();

        await input.FillAsync("Hello?");
        await input.PressAsync("Enter");
        await Expect(dialog.Locator(".msg.notice")).ToHaveTextAsync(tooLong);
        await input.FillAsync("Again?");
        await input.PressAsync("Enter");
        await Expect(dialog.Locator(".msg.notice").Last).ToHaveTextAsync(tooFast);
        await Expect(dialog).Not.ToContainTextAsync("Send a message of");
    }

    [Fact]
    public async Task The_first_browser_language_the_widget_speaks_wins_and_the_owners_data_lang_overrides_it()
    {
        var (_, key) = await app.BotAsync("Regional", allowed: site.Origin);
        var page = await chromium.VisitorAsync(new() { Locale = "fi-FI" });
        await page.Context.AddInitScriptAsync("Object.defineProperty(Navigator.prototype, 'languages', { get: () => ['fi-FI', 'de-AT', 'en-US'] })");

        // Finnish is not in the table, Austrian German is German; a site not on the list is told so in German.
        await page.GotoAsync(site.OtherOrigin + site.Add(CustomerSite.ShopPage(app.SiteUrl, key)));
        await page.Locator(".launcher").ClickAsync();
        await Expect(page.Locator(".root")).ToHaveAttributeAsync("lang", "de");
        await Expect(page.GetByRole(AriaRole.Dialog).Locator(".state")).ToHaveTextAsync("Dieser Assistent ist für diese Website nicht freigeschaltet.");

        // The owner's data-lang="es" on the snippet wins over the visitor's browser.
        await page.GotoAsync(site.Origin + site.Add(CustomerSite.ShopPage(app.SiteUrl, key, snippet: "data-lang=\"es\"")));
        await Expect(page.Locator(".launcher")).ToHaveAttributeAsync("aria-label", "Abrir el chat: Regional");
        await Expect(page.Locator(".root")).ToHaveAttributeAsync("lang", "es");
        await Expect(page.Locator("textarea")).ToHaveAttributeAsync("placeholder", "Haga una pregunta…");
    }

    [Fact]
    public async Task Text_in_any_script_keeps_its_characters_runs_in_its_own_direction_and_wraps_inside_its_bubble()
    {
        var (_, key) = await app.BotAsync("Scripts", allowed: site.Origin);
        var page = await chromium.VisitorAsync(new() { Locale = "de-DE" });
        var question = "宝藏埋在哪里？ खजाना कहाँ दबा है? " + string.Concat(Enumerable.Repeat("灯塔后面的老橡树下", 40));

        // A real turn: the question goes through the server and its database and comes back after a reload.
        await page.GotoAsync(site.Origin + site.Add(CustomerSite.ShopPage(app.SiteUrl, key)));
        await page.Locator(".launcher").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("textarea").FillAsync(question);
        await dialog.Locator("textarea").PressAsync("Enter");
        await Expect(dialog.Locator(".msg.assistant:not(.welcome):not(.streaming)")).ToHaveCountAsync(1, Answered);
        await page.ReloadAsync();
        await page.Locator(".launcher").ClickAsync();
        var restored = dialog.Locator(".msg.user .bubble");
        await Expect(restored).ToHaveCountAsync(1);
        Assert.Equal(question, await restored.EvaluateAsync<string>("e => e.textContent"));

        // An Arabic answer citing a Hebrew document, with an unspaced Chinese line and a long address in it.
        var reply = "الكنز مدفون تحت شجرة البلوط القديمة [1].\n\n" + string.Concat(Enumerable.Repeat("宝藏埋在灯塔后面的老橡树下", 30)) +
            "\n\nhttps://example.com/" + new string('x', 300);
        await page.RouteAsync("**/api/v1/widget/chat**", route => route.Request.Method != "POST" ? route.ContinueAsync() : route.FulfillAsync(new()
        {
            Status = 200,
            ContentType = "text/event-stream",
            Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = site.Origin },
            Body = "event: done\ndata: " + JsonSerializer.Serialize(new
            {
                conversationId = Guid.NewGuid(), messageId = Guid.NewGuid(), reply,
                citations = new[] { new { chunkId = Guid.NewGuid(), documentId = Guid.NewGuid(), documentName = "מפת האי.txt", snippet = "الكنز مدفون تحت شجرة البلوط." } },
            }) + "\n\n",
        }));
        await dialog.Locator("textarea").FillAsync("أين الكنز؟");
        await dialog.Locator("textarea").PressAsync("Enter");
        var answer = dialog.Locator(".msg.assistant").Last;
        await Expect(answer.Locator(".chip")).ToHaveCountAsync(1, Answered);
        await answer.Locator(".chip").ClickAsync();

        Assert.Equal("rtl", await Direction(dialog.Locator(".msg.user .bubble").Last));
        Assert.Equal("rtl", await Direction(answer.Locator(".bubble")));
        Assert.Equal("rtl", await Direction(answer.Locator(".bubble p").First));
        Assert.Equal("rtl", await Direction(answer.Locator(".chip")));
        Assert.Equal("rtl", await Direction(answer.Locator(".snippet")));
        Assert.Equal("ltr", await Direction(dialog.Locator("header")));

        // The widget's words are German; what others wrote keeps the host page's language.
        await Expect(page.Locator(".root")).ToHaveAttributeAsync("lang", "de");
        await Expect(answer.Locator(".bubble")).ToHaveAttributeAsync("lang", "en");

        foreach (var box in await dialog.Locator(".bubble, .snippet, .log").AllAsync())
        {
            var widths = await box.EvaluateAsync<int[]>("e => [e.scrollWidth, e.clientWidth]");
            Assert.True(widths[0] <= widths[1], $"{await box.GetAttributeAsync("class")}: {widths[0]} px of content in {widths[1]} px");
        }
    }

    private static Task<string> Direction(ILocator element) => element.EvaluateAsync<string>("e => getComputedStyle(e).direction");

    private Task Refuse(IRoute route, int status, string body, string retryAfter = "") => route.FulfillAsync(new()
    {
        Status = status,
        ContentType = "application/problem+json",
        Headers = new Dictionary<string, string>
        {
            ["Access-Control-Allow-Origin"] = site.Origin, ["Access-Control-Expose-Headers"] = "Retry-After", ["Retry-After"] = retryAfter,
        },
        Body = body,
    });
}
