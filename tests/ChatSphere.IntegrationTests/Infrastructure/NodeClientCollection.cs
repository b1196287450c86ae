namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>Tests that run Node.js clients against the site on a real port, answered by the fake model.</summary>
[CollectionDefinition(Name)]
public sealed class NodeClientCollection : ICollectionFixture<KestrelModelsFactory>
{
    public const string Name = "node-client";
}
