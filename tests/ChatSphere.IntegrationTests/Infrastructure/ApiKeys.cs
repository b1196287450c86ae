using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>API keys made the way an owner makes them: on the account page.</summary>
public static partial class ApiKeys
{
    public const string PageUrl = "/Identity/Account/Manage/ApiKeys";

    /// <summary>Creates a key on the page and reads it from the one page view that shows it.</summary>
    public static async Task<string> CreateAsync(BrowserClient browser, string name = "Tests")
    {
        var created = await browser.SubmitAsync(PageUrl, new Dictionary<string, string> { ["Input.Name"] = name }, PageUrl + "?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var key = ShownKey().Match(await browser.GetPageAsync(PageUrl));
        Assert.True(key.Success, "The new key is not on the page after creating it.");
        return key.Groups[1].Value;
    }

    /// <summary>A client that calls the API with a new key of <paramref name="owner"/>'s.</summary>
    public static async Task<HttpClient> ClientAsync(ChatSphereFactory app, BrowserClient owner)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await CreateAsync(owner));
        return client;
    }

    [GeneratedRegex("id=\"new-key-value\" value=\"(csk_[A-Za-z0-9_-]{43})\"")]
    public static partial Regex ShownKey();
}
