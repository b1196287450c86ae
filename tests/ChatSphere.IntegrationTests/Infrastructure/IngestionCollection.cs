namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>
/// Ingestion tests: a host of their own wired like <see cref="ModelsCollection"/>'s, so that they run beside the chat
/// tests instead of after them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class IngestionCollection : ICollectionFixture<ModelsFactory>
{
    public const string Name = "ingestion";
}
