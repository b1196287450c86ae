namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>Tests that share one host wired to the fake OpenAI-compatible server.</summary>
[CollectionDefinition(Name)]
public sealed class ModelsCollection : ICollectionFixture<ModelsFactory>
{
    public const string Name = "models";
}
