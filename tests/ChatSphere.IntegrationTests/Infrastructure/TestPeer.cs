using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>
/// Lets a test choose the TCP peer's address, which the in-memory test server leaves empty: header
/// <see cref="Header"/>, applied before anything else runs. Register with <c>AddTransient&lt;IStartupFilter, TestPeer&gt;</c>.
/// </summary>
public sealed class TestPeer : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers[Header] is [{ } peer])
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
