using ChatSphere.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>The real ChatSphere host on its own real PostgreSQL database.</summary>
public class ChatSphereFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@chatsphere.test";
    public const string AdminPassword = "Admin-Passw0rd!";

    private TestDatabase? _database;
    private string? _created;

    /// <summary>Serve on a real loopback port (for a real browser) instead of the in-memory test server.</summary>
    public bool Kestrel { get; init; }

    /// <summary>Where a browser reaches the site when <see cref="Kestrel"/> is set.</summary>
    public Uri SiteUrl => ClientOptions.BaseAddress;

    /// <summary>Set to share another factory's database (a second instance of the app).</summary>
    public string? ConnectionString { get; init; }

    public string DatabaseConnectionString => ConnectionString ?? _created!;

    /// <summary>Configuration for one host made in a test (key as in appsettings, ':' separated), after <see cref="Settings"/>.</summary>
    public IReadOnlyList<(string Key, string Value)> With { get; init; } = [];

    public virtual async Task InitializeAsync()
    {
        if (ConnectionString is null)
        {
            _created = await CreateDatabaseAsync();
        }

        // Starting the server runs the app's own start-up: migrations, roles, the admin account.
        if (Kestrel)
        {
            UseKestrel(0);
            StartServer();
        }
        else
        {
            _ = Server;
        }
    }

    public AsyncServiceScope CreateScope() => Services.CreateAsyncScope();

    public AppDbContext Db(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<AppDbContext>();

    /// <summary>A client that keeps cookies and does not follow redirects, with no one signed in.</summary>
    public BrowserClient CreateBrowser()
    {
        // What CreateClient does for HandleCookies = true and AllowAutoRedirect = false, keeping hold of the cookie jar.
        // With Kestrel the site is on a real port, which ClientOptions knows once it has started.
        var cookies = new CookieContainerHandler();
        return new BrowserClient(CreateDefaultClient(ClientOptions.BaseAddress, cookies), cookies.Container);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:ChatSphere", DatabaseConnectionString);
        builder.UseSetting("CHATSPHERE_ADMIN_EMAIL", AdminEmail);
        builder.UseSetting("CHATSPHERE_ADMIN_PASSWORD", AdminPassword);
        // With an Admin the site defaults to invitation-only; AccountTests' register test signs up on the page. The
        // policy itself is tested on hosts of its own (SignUpTests), which set their mode in Settings.
        builder.UseSetting("Registration:Mode", "Open");
        // Hangfire.PostgreSql's fastest queue poll: its wake-up on enqueue is process-wide, so with several hosts in one
        // process another host's worker may take it, and the job waits for the next poll. Two workers, not eight: an
        // idle host polling every 50 ms with eight costs about 16% of a core (app and PostgreSQL), with two about 4%.
        builder.UseSetting("Jobs:PollIntervalMs", "50");
        builder.UseSetting("Jobs:WorkerCount", "2");
        foreach (var (key, value) in Settings.Concat(With))
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>The host's own database, on the shared test cluster unless a subclass brings its own; returns its connection string.</summary>
    protected virtual async Task<string> CreateDatabaseAsync()
    {
        _database = await TestDatabase.CreateAsync("app");
        return _database.ConnectionString;
    }

    /// <summary>Extra configuration for this host (key as in appsettings, ':' separated).</summary>
    protected virtual IEnumerable<(string Key, string Value)> Settings => [];

    /// <summary>Runs after the host stopped: release what a subclass started.</summary>
    protected virtual Task OnStoppedAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await OnStoppedAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
