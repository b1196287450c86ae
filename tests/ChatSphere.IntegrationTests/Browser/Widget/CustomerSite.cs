using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ChatSphere.IntegrationTests.Browser.Widget;

/// <summary>
/// A customer's website on another origin than ChatSphere: pages that embed the widget. The same server is a second
/// origin when reached as <c>localhost</c> instead of <c>127.0.0.1</c>.
/// </summary>
public sealed class CustomerSite : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, string> _pages = new();
    private WebApplication _app = null!;
    private int _port;

    /// <summary>The origin a bot may allow: <c>http://127.0.0.1:port</c>.</summary>
    public string Origin => $"http://127.0.0.1:{_port}";

    /// <summary>The same pages from an origin no bot allows.</summary>
    public string OtherOrigin => $"http://localhost:{_port}";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/pages/{name}", (string name) => _pages.TryGetValue(name, out var html)
            ? Results.Content(html, "text/html; charset=utf-8")
            : Results.NotFound());
        await _app.StartAsync();
        _port = new Uri(_app.Urls.Single()).Port;
    }

    /// <summary>Serves <paramref name="html"/> and returns its path (append it to an origin).</summary>
    public string Add(string html)
    {
        var name = Guid.NewGuid().ToString("N");
        _pages[name] = html;
        return $"/pages/{name}";
    }

    /// <summary>
    /// A shop page with a link before the widget (for keyboard tests) and the owner's snippet at the end, with
    /// <paramref name="snippet"/>'s attributes (data-lang="es") added to it.
    /// </summary>
    public static string ShopPage(Uri chatSphere, string botKey, string head = "", string snippet = "") => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Island shop</title>
        {{head}}
        </head>
        <body>
        <a href="#top" id="first-link">Island shop</a>
        <h1>Maps, shovels and lanterns</h1>
        <p>Everything a treasure hunter needs.</p>
        <script src="{{new Uri(chatSphere, "widget.js")}}" data-bot="{{botKey}}" {{snippet}} async></script>
        </body>
        </html>
        """;

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
