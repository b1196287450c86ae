namespace ChatSphere.IntegrationTests.Reliability;

/// <summary>A host of its own: its tests script every model answer, so no other test may share its fake server.</summary>
[CollectionDefinition(Name)]
public sealed class ModelFaultCollection : ICollectionFixture<ModelFaultFactory>
{
    public const string Name = "model-faults";
}
