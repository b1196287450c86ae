using System.Net;
using ChatSphere.Core.Accounts;
using ChatSphere.Core.Domain;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.IntegrationTests.SignUp;

public sealed class FirstAccountTests(EmptySiteFactory app) : IClassFixture<EmptySiteFactory>
{
    private const string Register = "/Identity/Account/Register";

    [Fact]
    public async Task First_account_on_an_empty_database_becomes_Admin_once_even_when_several_sign_up_at_once()
    {
        using (var visitor = app.CreateBrowser())
        {
            Assert.Contains("it becomes the administrator", await visitor.GetPageAsync(Register));
        }

        // Four people submit the form at the same moment: forms loaded first, then posted together.
        var browsers = Enumerable.Range(0, 4).Select(_ => app.CreateBrowser()).ToList();
        var emails = browsers.Select(_ => Accounts.NewEmail("first")).ToList();
        var tokens = await Task.WhenAll(browsers.Select(b => b.AntiforgeryTokenAsync(Register)));
        var responses = await Task.WhenAll(browsers.Select((b, i) => b.Http.PostAsync(Register, new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["Input.Email"] = emails[i],
                ["Input.Password"] = Accounts.Password,
                ["Input.ConfirmPassword"] = Accounts.Password,
                ["__RequestVerificationToken"] = tokens[i],
            }))));

        // One became Admin; then the default for a site with an Admin, InviteOnly, refused the others.
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Redirect))
        {
            Assert.Contains(SignUpRules.InvitationRequired, await refused.Content.ReadAsStringAsync());
        }

        await using (var scope = app.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var admin = Assert.Single(await users.GetUsersInRoleAsync(Roles.Admin));
            Assert.Equal(1, await app.Db(scope).Users.CountAsync());
            Assert.Contains(admin.Email, emails);
            Assert.Equal(new SignUpSetting(SignUpMode.InviteOnly, SignUpSource.Default),
                await scope.ServiceProvider.GetRequiredService<SignUpPolicies>().CurrentAsync());

            // A second account, once sign-up is open, is a plain User.
            await scope.ServiceProvider.GetRequiredService<SignUpPolicies>().SetAsync(SignUpMode.Open, admin.Id);
        }

        using var second = app.CreateBrowser();
        var email = Accounts.NewEmail("second");
        await second.RegisterAsync(email, Accounts.Password);
        await using (var scope = app.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.Equal([Roles.User], await users.GetRolesAsync((await users.FindByEmailAsync(email))!));
            Assert.Single(await users.GetUsersInRoleAsync(Roles.Admin));
        }

        foreach (var browser in browsers)
        {
            browser.Dispose();
        }
    }
}
