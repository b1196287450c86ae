extern alias site;

using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChatSphere.Bench.Live;

/// <summary>
/// The site hosted in this process on a real loopback port (Kestrel, as in production), so that an ActivityListener
/// here sees its spans. Its logs go to standard error, leaving standard output to the report.
/// </summary>
internal sealed class InProcessSite : BenchSite
{
    private readonly Factory _factory;

    private InProcessSite(Factory factory, string connectionString, HttpClient http)
        : base(connectionString, http)
    {
        _factory = factory;
    }

    /// <summary>Creates database <paramref name="database"/> afresh and starts the site on it; settings as environment variables name them (Section__Key).</summary>
    public static async Task<InProcessSite> StartAsync(string serverConnection, string database, IDictionary<string, string>? settings = null)
    {
        var connectionString = await CreateDatabaseAsync(serverConnection, database);
        var factory = new Factory(new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["ConnectionStrings__ChatSphere"] = connectionString,
            ["CHATSPHERE_ADMIN_EMAIL"] = AdminEmail,
            ["CHATSPHERE_ADMIN_PASSWORD"] = AdminPassword,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__Console__LogToStandardErrorThreshold"] = "Trace",
        });
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        // Starting the server runs the site's own start-up: migrations, roles, the admin account.
        factory.StartServer();
        // A plain client, as the site's own process would get: the factory's would add its test handlers.
        var http = new HttpClient { BaseAddress = factory.ClientOptions.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        await SignInAsync(http);
        return new InProcessSite(factory, connectionString, http);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _factory.DisposeAsync();
    }

    private sealed class Factory(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<site::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            // One load generator is one account: its quotas would stop it (that is them working).
            builder.UseSetting("Quotas:MessagesPerMinute", "-1");
            builder.UseSetting("Quotas:MessagesPerDay", "-1");
            builder.UseSetting("Quotas:TokensPerDay", "-1");
            builder.UseSetting("Quotas:Documents", "-1");
            builder.UseSetting("Quotas:StoredBytes", "-1");
            builder.UseSetting("Quotas:Bots", "-1");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key.Replace("__", ":", StringComparison.Ordinal), value);
            }
        }
    }
}
