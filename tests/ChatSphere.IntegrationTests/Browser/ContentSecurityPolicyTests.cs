using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatSphere.IntegrationTests.Browser;

/// <summary>The owner pages, Identity's, the dashboard and the API reference, used for real under their CSP.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ContentSecurityPolicyTests(KestrelFactory app, Chromium chromium)
{
    [Fact]
    public async Task Owner_and_account_pages_work_under_their_CSP_without_a_single_violation()
    {
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.SiteUrl.ToString() });
        var csp = await CspWatch.AttachAsync(context);
        var page = await context.NewPageAsync();

        // Signed out: the register page's scripts (jQuery validation, from files) load and run.
        await page.GotoAsync("/Identity/Account/Register");
        Assert.True(await page.EvaluateAsync<bool>("typeof jQuery === 'function' && typeof jQuery.validator === 'function'"));
        await page.FillAsync("#Input_Email", "not an email");
        await page.ClickAsync("#registerSubmit");
        await Expect(page.Locator("[data-valmsg-for='Input.Email']")).Not.ToBeEmptyAsync();

        // The login form signs in.
        var email = await Accounts.CreateOwnerAsync(app);
        await page.GotoAsync("/Identity/Account/Login");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", Accounts.Password);
        await page.ClickAsync("#login-submit");
        await Expect(page.GetByText(email)).ToBeVisibleAsync();

        await page.GotoAsync("/Bots");
        var botId = await PageSession.CreateBotAsync(page, "Lighthouse keeper");

        await page.GotoAsync($"/Bots/{botId}/Documents");
        await page.SetInputFilesAsync("#files", new FilePayload
        {
            Name = "lamp.md",
            MimeType = "text/markdown",
            Buffer = TestFiles.Text("# The lamp\n\nThe lighthouse lamp is lit at sunset and put out at sunrise."),
        });
        await page.ClickAsync("#upload-form button[type=submit]");
        await Expect(page.Locator("#documents .doc-stage")).ToHaveTextAsync("ready", new() { Timeout = 60_000 });
        await page.Locator("#documents a").First.ClickAsync();
        await Expect(page.Locator("#chunks")).ToContainTextAsync("lit at sunset");

        // The overview: the copy button's script and the widget preview, which answers through the widget API.
        await page.GotoAsync($"/Bots/{botId}");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await page.GotoAsync($"/Bots/{botId}?q=When+is+the+lamp+lit");
        await Expect(page.Locator("#results .search-hit")).Not.ToHaveCountAsync(0);
        await page.GotoAsync($"/Bots/{botId}/Settings");
        await Expect(page.Locator("#settings-form")).ToBeVisibleAsync();

        // A streamed answer on the chat page, then its transcript.
        await page.GotoAsync($"/Bots/{botId}/Chat");
        await page.FillAsync("#chat-input", "When is the lamp lit?");
        await page.ClickAsync("#send");
        var answer = page.Locator(".chat-message.assistant").Last;
        await Expect(answer.Locator(".citation-chip")).Not.ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Expect(answer).ToContainTextAsync("sunset");
        await page.GotoAsync($"/Bots/{botId}/Conversations");
        await page.Locator("#conversations a").First.ClickAsync();
        await Expect(page.Locator("#transcript")).ToContainTextAsync("sunset");

        // Every account page in the Manage menu.
        await page.GotoAsync("/Identity/Account/Manage");
        foreach (var link in new[] { "#email", "#change-password", "#two-factor", "#api-keys", "#personal-data", "#profile" })
        {
            await page.ClickAsync(link);
            await Expect(page.Locator(link)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("active"));
        }

        // data-confirm replaced onsubmit: dismissing keeps the document, accepting deletes it.
        await page.GotoAsync($"/Bots/{botId}/Documents");
        var delete = page.Locator("#documents button", new() { HasText = "Delete" });
        EventHandler<IDialog> dismiss = (_, dialog) => dialog.DismissAsync();
        page.Dialog += dismiss;
        await delete.ClickAsync();
        await Expect(page.Locator("#documents tbody tr")).ToHaveCountAsync(1);
        page.Dialog -= dismiss;
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await delete.ClickAsync();
        await Expect(page.Locator("#documents tbody tr")).ToHaveCountAsync(0);

        Assert.True(csp.Violations.Count == 0, string.Join("\n", csp.Violations));
    }

    [Fact]
    public async Task The_jobs_dashboard_and_the_API_reference_work_under_their_own_CSP()
    {
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.SiteUrl.ToString() });
        var csp = await CspWatch.AttachAsync(context);
        await PageSession.AddSignInCookiesAsync(context, app, ChatSphereFactory.AdminEmail);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/hangfire");
        await Expect(page.Locator("#stats, .js-metrics, .metric").First).ToBeVisibleAsync();
        await page.GotoAsync("/hangfire/jobs/enqueued");
        await Expect(page.Locator("h1")).ToBeVisibleAsync();

        await page.GotoAsync("/docs/api");
        await Expect(page.Locator(".opblock").First).ToBeVisibleAsync();

        Assert.True(csp.Violations.Count == 0, string.Join("\n", csp.Violations));
    }
}
