using ChatSphere.Core.Domain;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatSphere.IntegrationTests.Auth;

/// <summary>
/// A host for sign-in tests: a small failed sign-in limit, a 2 s security stamp cache, cookies re-validated every
/// second, a chosen TCP peer per request (<see cref="TestPeer"/>), every
/// password the hasher verifies recorded, and every log line kept.
/// </summary>
public sealed class AuthFactory : ChatSphereFactory
{
    public const int FailedSignInsPerAddress = 6;
    public static readonly TimeSpan StampCache = TimeSpan.FromSeconds(2);

    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        ("Auth:FailedSignInsPerAddress", FailedSignInsPerAddress.ToString()),
        ("Auth:SecurityStampCacheSeconds", StampCache.TotalSeconds.ToString()),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddFakeLogging());
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, TestPeer>());
        // After the app's own registrations, which these change.
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<VerifiedPasswords>();
            services.AddScoped<IPasswordHasher<AppUser>, RecordingPasswordHasher>();
            services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromSeconds(1));
        });
    }
}

[CollectionDefinition(Name)]
public sealed class AuthCollection : ICollectionFixture<AuthFactory>
{
    public const string Name = "auth";
}
