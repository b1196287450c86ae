namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>Page tests: the site on a real port, and a real Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<KestrelFactory>, ICollectionFixture<Chromium>
{
    public const string Name = "browser";
}
