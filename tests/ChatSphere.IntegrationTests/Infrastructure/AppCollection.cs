namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>Tests that share one running host and database; each uses its own accounts.</summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<ChatSphereFactory>
{
    public const string Name = "app";
}
