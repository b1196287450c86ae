using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>
/// A host behind a configured reverse proxy (<see cref="TrustedProxy"/>), with a way to choose the TCP peer's address
/// (the in-memory test server has none): header <see cref="PeerHeader"/>, applied before anything else runs.
/// </summary>
public class ProxiedFactory : ChatSphereFactory
{
    public const string PeerHeader = "X-Test-Peer";
    public const string TrustedProxy = "198.51.100.7";

    protected override IEnumerable<(string Key, string Value)> Settings => [("Proxy:KnownProxies:0", TrustedProxy)];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, TestPeerStartupFilter>());
    }

    private sealed class TestPeerStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers[PeerHeader] is [{ } peer])
                {
                    context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(peer);
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
