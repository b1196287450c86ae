using ChatSphere.IntegrationTests.Infrastructure;

namespace ChatSphere.IntegrationTests.Quotas;

/// <summary>
/// The fake model's host with small account quotas: 3 chat messages a minute, 2 documents, 4 KB of them, 2 bots. The
/// daily quotas keep their defaults; a test lowers them for its own owner with an override.
/// </summary>
public sealed class QuotasFactory : ModelsFactory
{
    public const int MessagesPerMinute = 3;
    public const int Documents = 2;
    public const int StoredBytes = 4096;
    public const int Bots = 2;

    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        .. base.Settings,
        ("Quotas:MessagesPerMinute", MessagesPerMinute.ToString()),
        ("Quotas:Documents", Documents.ToString()),
        ("Quotas:StoredBytes", StoredBytes.ToString()),
        ("Quotas:Bots", Bots.ToString()),
    ];
}

[CollectionDefinition(Name)]
public sealed class QuotasCollection : ICollectionFixture<QuotasFactory>
{
    public const string Name = "quotas";
}
