using ChatSphere.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>The real ChatSphere host on its own real PostgreSQL database.</summary>
public class ChatSphereFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@chatsphere.test";
    public const string AdminPassword = "Admin-Passw0rd!";

    private TestDatabase? _database;

    /// <summary>Set to share another factory's database (a second instance of the app).</summary>
    public string? ConnectionString { get; init; }

    public string DatabaseConnectionString => ConnectionString ?? _database!.ConnectionString;

    public async Task InitializeAsync()
    {
        if (ConnectionString is null)
        {
            _database = await TestDatabase.CreateAsync("app");
        }

        // Starting the server runs the app's own start-up: migrations, roles, the admin account.
        _ = Server;
    }

    public AsyncServiceScope CreateScope() => Services.CreateAsyncScope();

    public AppDbContext Db(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<AppDbContext>();

    public BrowserClient CreateBrowser() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:ChatSphere", DatabaseConnectionString);
        builder.UseSetting("CHATSPHERE_ADMIN_EMAIL", AdminEmail);
        builder.UseSetting("CHATSPHERE_ADMIN_PASSWORD", AdminPassword);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
