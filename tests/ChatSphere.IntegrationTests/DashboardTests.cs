using System.Net;
using ChatSphere.IntegrationTests.Infrastructure;

namespace ChatSphere.IntegrationTests;

[Collection(AppCollection.Name)]
public sealed class DashboardTests(ChatSphereFactory app)
{
    [Fact]
    public async Task Anonymous_visitor_is_sent_to_log_in()
    {
        using var browser = app.CreateBrowser();
        var response = await browser.Http.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Identity/Account/Login", response.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=%2Fhangfire", response.Headers.Location.Query);
    }

    [Fact]
    public async Task Signed_in_User_gets_403_on_every_dashboard_page()
    {
        using var browser = await Accounts.OwnerBrowserAsync(app);
        foreach (var path in new[] { "/hangfire", "/hangfire/jobs/enqueued", "/hangfire/stats" })
        {
            var response = await browser.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public async Task Admin_sees_the_dashboard()
    {
        using var browser = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginAsync(ChatSphereFactory.AdminEmail, ChatSphereFactory.AdminPassword)).StatusCode);
        var html = await browser.GetPageAsync("/hangfire");
        Assert.Contains("ChatSphere jobs", html);
        Assert.Contains("Servers", html);
    }

    [Fact]
    public async Task Bearer_token_does_not_open_the_dashboard()
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var token = await ApiTests.GetTokenAsync(client, ChatSphereFactory.AdminEmail, ChatSphereFactory.AdminPassword);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var response = await client.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
