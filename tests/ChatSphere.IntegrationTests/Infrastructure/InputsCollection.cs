namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>Tests of hostile and oversized input, on a host of their own (<see cref="InputsFactory"/>).</summary>
[CollectionDefinition(Name)]
public sealed class InputsCollection : ICollectionFixture<InputsFactory>
{
    public const string Name = "inputs";
}
