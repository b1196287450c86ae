using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>
/// A host behind a configured reverse proxy (<see cref="TrustedProxy"/>), with a way to choose the TCP peer's address
/// (the in-memory test server has none): header <see cref="PeerHeader"/> (<see cref="TestPeer"/>).
/// </summary>
public class ProxiedFactory : ChatSphereFactory
{
    public const string PeerHeader = TestPeer.Header;
    public const string TrustedProxy = "198.51.100.7";

    protected override IEnumerable<(string Key, string Value)> Settings => [("Proxy:KnownProxies:0", TrustedProxy)];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, TestPeer>());
    }
}
