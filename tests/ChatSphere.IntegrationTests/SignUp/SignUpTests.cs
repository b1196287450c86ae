using System.Net;
using System.Net.Http.Json;
using ChatSphere.Core.Accounts;
using ChatSphere.Core.Domain;
using ChatSphere.IntegrationTests.Infrastructure;
using ChatSphere.Web.Areas.Identity.Pages.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.IntegrationTests.SignUp;

[Collection(SignUpCollection.Name)]
public sealed class SignUpTests(SignUpFactory app)
{
    private const string Register = "/Identity/Account/Register";

    [Fact]
    public async Task Invite_only_refuses_sign_up_without_an_invitation_on_the_page_and_on_post()
    {
        using var admin = await AdminPages.BrowserAsync(app);
        await AdminPages.FollowConfigurationAsync(admin);
        using var visitor = app.CreateBrowser();

        var page = await visitor.GetPageAsync(Register);
        Assert.Contains(SignUpRules.InvitationRequired, page);
        Assert.DoesNotContain("registerForm", page);
        Assert.DoesNotContain("external authentication", page);

        var email = Accounts.NewEmail("uninvited");
        var posted = await AdminPages.RegisterAsync(visitor, Register, email);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains(SignUpRules.InvitationRequired, await posted.Content.ReadAsStringAsync());
        Assert.Null(await FindAsync(email));
    }

    [Fact]
    public async Task An_invitation_link_signs_up_its_own_email_once()
    {
        using var admin = await AdminPages.BrowserAsync(app);
        await AdminPages.FollowConfigurationAsync(admin);
        var email = Accounts.NewEmail("invited");
        var link = await AdminPages.InviteAsync(admin, email);
        Assert.StartsWith($"{Register}?invite=", link);

        using var invitee = app.CreateBrowser();
        var form = await invitee.GetPageAsync(link);
        Assert.Contains($"value=\"{email}\"", form);
        Assert.Contains("readonly", form);
        // The email is the invitation's, whatever the form posts.
        var other = Accounts.NewEmail("other");
        var registered = await AdminPages.RegisterAsync(invitee, link, other);
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Contains(email, await invitee.GetPageAsync("/Bots"));
        Assert.Null(await FindAsync(other));
        var user = await FindAsync(email);
        Assert.NotNull(user);
        Assert.True(user.EmailConfirmed);
        Assert.Null(user.AwaitingApprovalSince);
        await using (var scope = app.CreateScope())
        {
            Assert.Equal([Roles.User], await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().GetRolesAsync(user));
        }

        using var second = app.CreateBrowser();
        var again = await AdminPages.RegisterAsync(second, link, Accounts.NewEmail("second"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("already been used", await again.Content.ReadAsStringAsync());
        Assert.Equal(InvitationStatus.Accepted, await StatusAsync(email));
    }

    [Fact]
    public async Task Expired_revoked_and_unknown_invitations_are_refused()
    {
        using var admin = await AdminPages.BrowserAsync(app);
        await AdminPages.FollowConfigurationAsync(admin);
        using var visitor = app.CreateBrowser();

        var expiredEmail = Accounts.NewEmail("expired");
        var expired = await AdminPages.InviteAsync(admin, expiredEmail, days: 1);
        await using (var scope = app.CreateScope())
        {
            await app.Db(scope).Invitations.Where(i => i.Email == expiredEmail)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
        }

        Assert.Contains("has expired", await visitor.GetPageAsync(expired));
        Assert.Contains("has expired", await (await AdminPages.RegisterAsync(visitor, expired, expiredEmail)).Content.ReadAsStringAsync());
        Assert.Equal(InvitationStatus.Expired, await StatusAsync(expiredEmail));

        var revokedEmail = Accounts.NewEmail("revoked");
        var revoked = await AdminPages.InviteAsync(admin, revokedEmail);
        var id = await IdOfAsync(revokedEmail);
        var revoke = await admin.SubmitAsync(AdminPages.SignUp, new Dictionary<string, string>(), $"{AdminPages.SignUp}?handler=Revoke&id={id}");
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Contains("withdrawn", await (await AdminPages.RegisterAsync(visitor, revoked, revokedEmail)).Content.ReadAsStringAsync());
        Assert.Equal(InvitationStatus.Revoked, await StatusAsync(revokedEmail));
        var list = await admin.GetPageAsync(AdminPages.SignUp);
        Assert.Contains($"data-invitation-id=\"{id}\"", list);

        var unknown = await AdminPages.RegisterAsync(visitor, $"{Register}?invite=not-a-real-token", Accounts.NewEmail("unknown"));
        Assert.Contains("not valid", await unknown.Content.ReadAsStringAsync());

        Assert.Null(await FindAsync(expiredEmail));
        Assert.Null(await FindAsync(revokedEmail));
    }

    [Fact]
    public async Task Approval_mode_blocks_sign_in_until_an_admin_approves()
    {
        using var admin = await AdminPages.BrowserAsync(app);
        await AdminPages.SetModeAsync(admin, SignUpMode.Approval);
        try
        {
            using var visitor = app.CreateBrowser();
            Assert.Contains("approves new accounts", await visitor.GetPageAsync(Register));
            var email = Accounts.NewEmail("waiting");
            var registered = await visitor.RegisterAsync(email, Accounts.Password);
            Assert.Equal(Register, registered.Headers.Location!.OriginalString);
            Assert.Contains("must approve it", await visitor.GetPageAsync(Register));
            Assert.Equal(HttpStatusCode.Redirect, (await visitor.Http.GetAsync("/Bots")).StatusCode);
            var user = await FindAsync(email);
            Assert.NotNull(user?.AwaitingApprovalSince);

            var refused = await visitor.LoginAsync(email, Accounts.Password);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(LoginModel.AwaitingApproval, WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
            // Without the password, nothing says the account exists.
            var wrong = await visitor.LoginAsync(email, "Wrong-Passw0rd!");
            Assert.Contains("Invalid login attempt.", await wrong.Content.ReadAsStringAsync());
            using var api = app.CreateClient();
            var token = await api.PostAsJsonAsync("/api/v1/auth/token", new { email, password = Accounts.Password });
            Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);

            Assert.Contains("Awaiting approval", await admin.GetPageAsync(AdminPages.Users));
            Assert.StartsWith("Approved", await AdminPages.UserActionAsync(admin, "Approve", user!.Id));
            Assert.Equal(HttpStatusCode.Redirect, (await visitor.LoginAsync(email, Accounts.Password)).StatusCode);
            Assert.Contains(email, await visitor.GetPageAsync("/Bots"));
        }
        finally
        {
            await AdminPages.FollowConfigurationAsync(admin);
        }
    }

    [Fact]
    public async Task The_mode_chosen_on_the_admin_page_wins_over_configuration()
    {
        using var admin = await AdminPages.BrowserAsync(app);
        await AdminPages.FollowConfigurationAsync(admin);
        using var visitor = app.CreateBrowser();
        Assert.Contains(SignUpRules.InvitationRequired, await visitor.GetPageAsync(Register));
        Assert.Contains("from Registration:Mode", await admin.GetPageAsync(AdminPages.SignUp));

        await AdminPages.SetModeAsync(admin, SignUpMode.Open);
        try
        {
            var page = await admin.GetPageAsync(AdminPages.SignUp);
            Assert.Contains("chosen on this page", page);
            Assert.Contains("wins over the configuration", page);
            await using (var scope = app.CreateScope())
            {
                Assert.Equal(SignUpMode.Open, (await app.Db(scope).SignUpPolicy.SingleAsync()).Mode);
            }

            var email = Accounts.NewEmail("open");
            await visitor.RegisterAsync(email, Accounts.Password);
            Assert.Contains(email, await visitor.GetPageAsync("/Bots"));
            var user = await FindAsync(email);
            Assert.Null(user!.AwaitingApprovalSince);
        }
        finally
        {
            await AdminPages.FollowConfigurationAsync(admin);
        }

        using var later = app.CreateBrowser();
        Assert.Contains(SignUpRules.InvitationRequired, await later.GetPageAsync(Register));
    }

    [Fact]
    public async Task An_email_that_already_has_an_account_cannot_be_invited()
    {
        using var admin = await AdminPages.BrowserAsync(app);
        var email = await Accounts.CreateOwnerAsync(app);
        var response = await admin.SubmitAsync(AdminPages.SignUp, new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Days"] = "7",
        }, $"{AdminPages.SignUp}?handler=Invite");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("already exists", await response.Content.ReadAsStringAsync());
        await using var scope = app.CreateScope();
        Assert.False(await app.Db(scope).Invitations.AnyAsync(i => i.Email == email));
    }

    [Theory]
    [InlineData("/Identity/Account/ExternalLogin")]
    [InlineData("/Identity/Account/RegisterConfirmation?email=admin%40chatsphere.test")]
    public async Task Identity_pages_that_would_go_around_the_policy_are_not_served(string path)
    {
        using var visitor = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.Http.GetAsync(path)).StatusCode);
        var token = await visitor.AntiforgeryTokenAsync("/Identity/Account/Login");
        var posted = await visitor.Http.PostAsync($"{path.Split('?')[0]}?handler=Confirmation", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["Input.Email"] = Accounts.NewEmail("external"), ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
    }

    private async Task<AppUser?> FindAsync(string email)
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
    }

    private async Task<Guid> IdOfAsync(string email)
    {
        await using var scope = app.CreateScope();
        return await app.Db(scope).Invitations.Where(i => i.Email == email).Select(i => i.Id).SingleAsync();
    }

    private async Task<InvitationStatus> StatusAsync(string email)
    {
        await using var scope = app.CreateScope();
        var list = await scope.ServiceProvider.GetRequiredService<Invitations>().ListAsync();
        return list.Single(i => i.Email == email).Status;
    }
}
