using ChatSphere.IntegrationTests.Infrastructure;

namespace ChatSphere.IntegrationTests.Observability;

/// <summary>
/// The site on a real loopback port (so the TCP peer is really 127.0.0.1), behind a "proxy" on loopback whose
/// X-Forwarded-For is believed, with 198.51.100.0/24 (TEST-NET-2) allowed to read /metrics, exporting over OTLP/HTTP to
/// a receiver in this process. Forwarded addresses let a test play a remote client without leaving the machine.
/// </summary>
public sealed class ObservabilityFactory : ChatSphereFactory
{
    public const string AllowedNetwork = "198.51.100.0/24";
    public const string ServiceName = "chatsphere-tests";

    public ObservabilityFactory() => Kestrel = true;

    public OtlpReceiver Otlp { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Otlp = await OtlpReceiver.StartAsync();
        await base.InitializeAsync();
    }

    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        ("Proxy:KnownProxies:0", "127.0.0.1"),
        ("Proxy:KnownProxies:1", "::1"),
        ("Metrics:AllowedNetworks:0", AllowedNetwork),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", Otlp.Endpoint.ToString()),
        ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
        ("OTEL_SERVICE_NAME", ServiceName),
        // Export within a fraction of a second, not the 5 s (spans) and 60 s (metrics) defaults.
        ("OTEL_BSP_SCHEDULE_DELAY", "200"),
        ("OTEL_METRIC_EXPORT_INTERVAL", "500"),
    ];

    protected override async Task OnStoppedAsync() => await Otlp.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ObservabilityCollection : ICollectionFixture<ObservabilityFactory>
{
    public const string Name = "observability";
}
