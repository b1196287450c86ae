using System.Net;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ChatSphere.IntegrationTests;

/// <summary>The site behind a TLS-terminating proxy: HTTPS is what its X-Forwarded-Proto says, when it is a configured proxy.</summary>
public sealed class HttpsTests(ProxiedFactory app) : IClassFixture<ProxiedFactory>
{
    private const string PublicHost = "chatsphere.example";

    [Fact]
    public async Task Over_HTTPS_from_the_configured_proxy_cookies_are_Secure_and_HSTS_is_sent()
    {
        var email = await Accounts.CreateOwnerAsync(app);
        using var proxied = Client(app, ProxiedFactory.TrustedProxy);

        var (login, antiforgery) = await SignInAsync(proxied, email);
        Assert.Contains("max-age=31536000", login.Headers.GetValues(HeaderNames.StrictTransportSecurity).Single());
        Assert.True(antiforgery.Secure);
        var auth = login.Headers.GetValues(HeaderNames.SetCookie).Select(Cookie).Single(c => c.Name == "chatsphere.auth");
        Assert.True(auth.Secure);
        Assert.True(auth.HttpOnly);

        // The same headers from anyone else are not believed: plain HTTP, so no HSTS and no Secure flag.
        using var direct = Client(app, "203.0.113.9");
        var (unproxied, plainAntiforgery) = await SignInAsync(direct, email);
        Assert.False(unproxied.Headers.Contains(HeaderNames.StrictTransportSecurity));
        Assert.False(plainAntiforgery.Secure);
        Assert.All(unproxied.Headers.GetValues(HeaderNames.SetCookie).Select(Cookie), cookie => Assert.False(cookie.Secure));
    }

    [Fact]
    public async Task With_Cookies_HostPrefix_the_sign_in_and_antiforgery_cookies_are_host_only_and_still_sign_in()
    {
        await using var prefixed = new ProxiedFactory { ConnectionString = app.DatabaseConnectionString, With = [("Cookies:HostPrefix", "true")] };
        await ((IAsyncLifetime)prefixed).InitializeAsync();
        var email = await Accounts.CreateOwnerAsync(prefixed);
        using var client = Client(prefixed, ProxiedFactory.TrustedProxy);

        var (login, antiforgery) = await SignInAsync(client, email);
        Assert.Equal("__Host-chatsphere.antiforgery", antiforgery.Name.Value);
        var auth = login.Headers.GetValues(HeaderNames.SetCookie).Select(Cookie).Single(c => c.Name.Value!.Contains("auth"));
        Assert.Equal("__Host-chatsphere.auth", auth.Name.Value);
        foreach (var cookie in new[] { antiforgery, auth })
        {
            // What browsers require of a __Host- cookie.
            Assert.True(cookie.Secure);
            Assert.Equal("/", cookie.Path.Value);
            Assert.Null(cookie.Domain.Value);
        }

        using var bots = new HttpRequestMessage(HttpMethod.Get, "/Bots");
        bots.Headers.Add(HeaderNames.Cookie, $"{auth.Name}={auth.Value}");
        using var page = await client.SendAsync(bots);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(email, await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_host_cookie_that_browsers_would_refuse_stops_the_start_with_the_setting_named()
    {
        await using var prefixed = new ProxiedFactory { ConnectionString = app.DatabaseConnectionString, With = [("Cookies:HostPrefix", "true")] };
        await using var withDomain = prefixed.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.ConfigureApplicationCookie(options => options.Cookie.Domain = PublicHost)));

        var error = Assert.Throws<OptionsValidationException>(() => withDomain.Server);
        Assert.Contains("Cookies:HostPrefix", error.Message);
        Assert.Contains("__Host-chatsphere.auth", error.Message);
        Assert.Contains("Domain", error.Message);
    }

    /// <summary>A client whose requests come from <paramref name="peer"/>, claiming to be forwarded from HTTPS.</summary>
    private static HttpClient Client(ChatSphereFactory factory, string peer)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add(ProxiedFactory.PeerHeader, peer);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", PublicHost);
        return client;
    }

    /// <summary>Signs in on the login page; returns the login's response and the antiforgery cookie the page set.</summary>
    private static async Task<(HttpResponseMessage Login, SetCookieHeaderValue Antiforgery)> SignInAsync(HttpClient client, string email)
    {
        using var form = await client.GetAsync("/Identity/Account/Login");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var antiforgery = form.Headers.GetValues(HeaderNames.SetCookie).Select(Cookie)
            .Single(c => c.Name.Value!.Contains("ntiforgery"));
        var token = BrowserClient.AntiforgeryTokenIn(await form.Content.ReadAsStringAsync());

        var request = new HttpRequestMessage(HttpMethod.Post, "/Identity/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = email,
                ["Input.Password"] = Accounts.Password,
                ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Add(HeaderNames.Cookie, $"{antiforgery.Name}={antiforgery.Value}");
        var login = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return (login, antiforgery);
    }

    private static SetCookieHeaderValue Cookie(string header) => SetCookieHeaderValue.Parse(header);
}
