using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.IntegrationTests.Widget;

/// <summary>
/// A host with small widget limits, a configured reverse proxy, and a way to choose the TCP peer's address (the
/// in-memory test server has none): header <see cref="PeerHeader"/> (<see cref="TestPeer"/>).
/// </summary>
public sealed class WidgetFactory : ChatSphereFactory
{
    public const string PeerHeader = TestPeer.Header;
    public const string TrustedProxy = "198.51.100.7";
    public const int PerIpPerMinute = 12;
    public const int PerVisitorPerMinute = 3;
    public const int PerBotPerMinute = 5;

    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        ("Widget:PerIpPerMinute", PerIpPerMinute.ToString()),
        ("Widget:PerVisitorPerMinute", PerVisitorPerMinute.ToString()),
        ("Widget:PerBotPerMinute", PerBotPerMinute.ToString()),
        ("Widget:MaxMessageLength", "200"),
        ("Proxy:KnownProxies:0", TrustedProxy),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, TestPeer>());
    }
}

[CollectionDefinition(Name)]
public sealed class WidgetCollection : ICollectionFixture<WidgetFactory>
{
    public const string Name = "widget";
}
