using System.Net;
using System.Net.Http.Json;
using System.Net.Http.Headers;
using ChatSphere.IntegrationTests.Infrastructure;
using ChatSphere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.IntegrationTests;

[Collection(AppCollection.Name)]
public sealed class SecurityHeadersTests(ChatSphereFactory app)
{
    [Fact]
    public async Task Every_page_and_Identity_page_carries_the_owner_CSP_and_refuses_frames()
    {
        var email = await Accounts.CreateOwnerAsync(app);
        using var browser = await Accounts.BrowserAsync(app, email);
        using var api = new ApiClient(app.CreateClient(), app);
        api.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Accounts.TokenAsync(app, email));
        var botId = await api.CreateBotAsync(new { name = "Headers" });

        // Every Razor page the site has, its own and Identity UI's, found from the endpoints rather than listed by hand;
        // ids other than the bot's are unknown ones (the page's 404 must carry the headers as well).
        var pages = app.Services.GetServices<EndpointDataSource>().SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(endpoint => BotRoutes.Path(endpoint.RoutePattern, botId, new Dictionary<string, Guid>(
                endpoint.RoutePattern.Parameters.Where(BotRoutes.IsGuid).Select(p => KeyValuePair.Create(p.Name, Guid.Empty)))))
            .Distinct()
            .ToList();
        Assert.Contains("/Identity/Account/Login", pages);
        Assert.Contains("/Identity/Account/Manage/ChangePassword", pages);
        Assert.Contains($"/Bots/{botId}/Settings", pages);

        var served = 0;
        foreach (var path in pages)
        {
            using var response = await browser.Http.GetAsync(path);
            AssertOwnerHeaders(response);
            served += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        // Most of them answer the signed-in owner with the page itself (the rest redirect, or need a code or an id).
        Assert.True(served >= 15, $"only {served} of {pages.Count} pages answered 200");

        // Error pages and static files too: the policy is set when any response starts.
        using var missing = await browser.Http.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        AssertOwnerHeaders(missing);
        using var css = await browser.Http.GetAsync("/css/site.css");
        AssertOwnerHeaders(css);
    }

    [Fact]
    public async Task The_widget_keeps_its_own_rules_and_the_dashboard_and_API_reference_get_their_own_policy()
    {
        using var client = app.CreateClient();
        foreach (var path in new[] { "/widget.js", "/widget/avatar/nokey" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.False(response.Headers.Contains("Content-Security-Policy"), path);
            Assert.False(response.Headers.Contains("X-Frame-Options"), path);
        }

        using var session = await client.PostAsJsonAsync("/api/v1/widget/sessions", new { botKey = "nokey" });
        Assert.False(session.Headers.Contains("Content-Security-Policy"));
        Assert.False(session.Headers.Contains("X-Frame-Options"));
        Assert.Equal("nosniff", session.Headers.GetValues("X-Content-Type-Options").Single());

        using var reference = await client.GetAsync("/docs/api/index.html");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Equal(SecurityHeaders.ApiReferencePolicy, reference.Headers.GetValues("Content-Security-Policy").Single());

        using var admin = app.CreateBrowser();
        await admin.LoginAsync(ChatSphereFactory.AdminEmail, ChatSphereFactory.AdminPassword);
        using var dashboard = await admin.Http.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal(SecurityHeaders.DashboardPolicy, dashboard.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", dashboard.Headers.GetValues("X-Frame-Options").Single());
    }

    private static void AssertOwnerHeaders(HttpResponseMessage response)
    {
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(SecurityHeaders.OwnerPolicy, csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }
}
