using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace ChatSphere.IntegrationTests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ApiPagesTests(KestrelFactory app, Chromium chromium)
{
    [Fact]
    public async Task Api_reference_renders_every_route_without_a_request_off_the_site()
    {
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.SiteUrl.ToString() });
        var page = await context.NewPageAsync();
        var site = app.SiteUrl.GetLeftPart(UriPartial.Authority);
        var offSite = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(site, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                offSite.Add(request.Url);
            }
        };

        await page.GotoAsync("/");
        await page.ClickAsync("footer >> text=API reference");
        var operations = page.Locator(".opblock-summary-path");
        await Assertions.Expect(operations.First).ToBeVisibleAsync();
        var shown = new HashSet<string>();
        foreach (var operation in await operations.AllAsync())
        {
            shown.Add((await operation.GetAttributeAsync("data-path"))!);
        }

        Assert.Empty(ApiContract.Routes.Select(r => r.Path).Except(shown));
        Assert.Empty(offSite);
    }

    [Fact]
    public async Task A_new_key_can_be_copied_once_and_revoked_after_confirming()
    {
        var page = await PageSession.SignInAsync(chromium, app);
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await page.GotoAsync("/Identity/Account/Manage");
        await page.ClickAsync("#api-keys");
        await page.FillAsync("#Input_Name", "Laptop script");
        await page.ClickAsync("#create-key button");

        var key = await page.InputValueAsync("#new-key-value");
        Assert.StartsWith("csk_", key);
        // The button is on the page before the script at its end has run.
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        await page.ClickAsync("[data-copy]");
        await Assertions.Expect(page.Locator("[data-copy]")).ToHaveTextAsync("Copied");
        Assert.Equal(key, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#new-key")).ToHaveCountAsync(0);
        var row = page.Locator("#keys tbody tr", new() { HasText = "Laptop script" });
        await Assertions.Expect(row).ToContainTextAsync(key[..12]);

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await row.Locator("button", new() { HasText = "Revoke" }).ClickAsync();
        await Assertions.Expect(row.Locator(".badge")).ToHaveTextAsync("Revoked");
    }
}
