namespace ChatSphere.IntegrationTests.Reliability;

/// <summary>Alone with its own cluster: nothing else runs on the database it restarts.</summary>
[CollectionDefinition(Name)]
public sealed class OutageCollection : ICollectionFixture<OutageFactory>
{
    public const string Name = "database-outage";
}
