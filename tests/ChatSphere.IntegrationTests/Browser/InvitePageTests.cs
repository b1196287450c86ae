using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace ChatSphere.IntegrationTests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class InvitePageTests(KestrelFactory app, Chromium chromium)
{
    [Fact]
    public async Task Admin_invites_copies_the_link_and_the_invitee_registers_and_signs_in()
    {
        var admin = await PageSession.SignInAsAsync(chromium, app, ChatSphereFactory.AdminEmail);
        await admin.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await admin.ClickAsync("nav >> text=Admin");
        await Assertions.Expect(admin.Locator("#users")).ToBeVisibleAsync();
        await admin.ClickAsync("text=Sign-up and invitations");

        var email = Accounts.NewEmail("invitee");
        await admin.FillAsync("#Input_Email", email);
        await admin.ClickAsync("#invite button");
        var link = await admin.InputValueAsync("#new-invitation-link");
        Assert.StartsWith(new Uri(app.SiteUrl, "/Identity/Account/Register?invite=").ToString(), link);
        await admin.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        await admin.ClickAsync("#new-invitation [data-copy]");
        await Assertions.Expect(admin.Locator("#new-invitation [data-copy]")).ToHaveTextAsync("Copied");
        var copied = await admin.EvaluateAsync<string>("navigator.clipboard.readText()");
        Assert.Equal(link, copied);

        await using var inviteeContext = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.SiteUrl.ToString() });
        var invitee = await inviteeContext.NewPageAsync();
        await invitee.GotoAsync(copied);
        await Assertions.Expect(invitee.Locator("#Input_Email")).ToHaveValueAsync(email);
        await Assertions.Expect(invitee.Locator("#Input_Email")).ToHaveAttributeAsync("readonly", "");
        await invitee.FillAsync("#Input_Password", Accounts.Password);
        await invitee.FillAsync("#Input_ConfirmPassword", Accounts.Password);
        await invitee.ClickAsync("#registerSubmit");
        await Assertions.Expect(invitee.Locator("nav")).ToContainTextAsync(email);

        await invitee.ClickAsync("nav >> text=Log out");
        await invitee.GotoAsync("/Identity/Account/Login");
        await invitee.FillAsync("#Input_Email", email);
        await invitee.FillAsync("#Input_Password", Accounts.Password);
        await invitee.ClickAsync("#login-submit");
        await Assertions.Expect(invitee.Locator("nav")).ToContainTextAsync(email);

        await admin.ReloadAsync();
        var row = admin.Locator("#invitation-list tbody tr", new() { HasText = email });
        await Assertions.Expect(row.Locator(".invitation-status")).ToHaveTextAsync("Accepted");
        await admin.Context.DisposeAsync();
    }
}
