using ChatSphere.IntegrationTests.Infrastructure;

namespace ChatSphere.IntegrationTests.Reliability;

/// <summary>The site wired to the fake model server, on a <see cref="ThrowawayCluster"/> the tests may stop and restart.</summary>
public sealed class OutageFactory : ModelsFactory
{
    public ThrowawayCluster Cluster { get; private set; } = null!;

    // A job's automatic retry is queued half a second after its delay, not up to 15 s.
    protected override IEnumerable<(string Key, string Value)> Settings => [.. base.Settings, ("Jobs:SchedulePollIntervalMs", "500")];

    protected override async Task<string> CreateDatabaseAsync()
    {
        Cluster = await ThrowawayCluster.StartAsync();
        return Cluster.ConnectionString;
    }

    protected override async Task OnStoppedAsync()
    {
        await base.OnStoppedAsync();
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}
