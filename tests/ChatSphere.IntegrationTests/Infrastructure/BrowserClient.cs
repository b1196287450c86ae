using System.Net;
using System.Text.RegularExpressions;

namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>Drives the Razor Pages as a browser would: cookies, antiforgery tokens from the forms, no auto-redirects.</summary>
public sealed partial class BrowserClient(HttpClient http, CookieContainer cookies) : IDisposable
{
    public HttpClient Http => http;

    /// <summary>The cookies this browser sends (a test may put a sign-in cookie here, see <see cref="Accounts"/>).</summary>
    public CookieContainer Cookies => cookies;

    public async Task<string> GetPageAsync(string url)
    {
        var response = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Loads <paramref name="pageUrl"/>, takes the antiforgery token from its form, and posts the fields.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pageUrl, IDictionary<string, string> fields, string? postUrl = null)
    {
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(pageUrl) };
        return await http.PostAsync(postUrl ?? pageUrl, new FormUrlEncodedContent(form));
    }

    /// <summary>The antiforgery token of the form on <paramref name="pageUrl"/>, for a post the test builds itself.</summary>
    public async Task<string> AntiforgeryTokenAsync(string pageUrl)
    {
        var html = await GetPageAsync(pageUrl);
        Assert.True(AntiforgeryToken().IsMatch(html), $"No antiforgery token in {pageUrl}");
        return AntiforgeryTokenIn(html);
    }

    /// <summary>The antiforgery token of the first form in <paramref name="html"/>.</summary>
    public static string AntiforgeryTokenIn(string html) => WebUtility.HtmlDecode(AntiforgeryToken().Match(html).Groups[1].Value);

    public async Task<HttpResponseMessage> RegisterAsync(string email, string password)
    {
        var response = await SubmitAsync("/Identity/Account/Register", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
        // Over a real port (Kestrel) the socket handler follows the redirect itself: the POST became a GET of the next page.
        var redirected = response.StatusCode == HttpStatusCode.Redirect
            || (response.StatusCode == HttpStatusCode.OK && response.RequestMessage?.Method == HttpMethod.Get);
        Assert.True(redirected, $"Registration was not accepted: {(int)response.StatusCode}");
        return response;
    }

    public Task<HttpResponseMessage> LoginAsync(string email, string password) =>
        SubmitAsync("/Identity/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    public Task<HttpResponseMessage> LogoutAsync() =>
        SubmitAsync("/Bots", new Dictionary<string, string>(), "/Identity/Account/Logout?returnUrl=%2F");

    public void Dispose() => http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
