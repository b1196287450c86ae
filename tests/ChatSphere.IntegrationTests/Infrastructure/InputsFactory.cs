using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>
/// The site on a real loopback port (Kestrel's own body limits and connection handling, as in production), counting
/// the request body bytes the app reads (<see cref="BodyReads"/>), with uploads of up to 4 MB.
/// </summary>
public sealed class InputsFactory : ChatSphereFactory
{
    public const long UploadLimit = 4 * 1024 * 1024;

    public InputsFactory() => Kestrel = true;

    public BodyReads BodyReads { get; } = new();

    protected override IEnumerable<(string Key, string Value)> Settings => [("Ingestion:MaxUploadBytes", UploadLimit.ToString())];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(BodyReads));
    }
}
