using ChatSphere.Testing.FakeOpenAi;

namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>
/// A host whose OpenAI-compatible endpoint is a fake server on loopback, and whose default embedding model is
/// still the offline one, so bots can be moved between the two. Uploads are capped at 256 KB to test the limit.
/// </summary>
public class ModelsFactory : ChatSphereFactory
{
    public const long UploadLimit = 256 * 1024;

    /// <summary>
    /// The model's idle limit: short, so that the tests of a stalled model are quick, yet long enough that a fake that
    /// answers at once is never cut off on 2 busy cores (2 s was, once, with the collections in parallel).
    /// </summary>
    public const int StreamIdleTimeoutSeconds = 5;

    public FakeOpenAiServer Model { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Model = await FakeOpenAiServer.StartAsync();
        await base.InitializeAsync();
    }

    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        ("Models:BaseUrl", Model.BaseUrl.ToString()),
        ("Models:ApiKey", Model.ApiKey),
        ("Models:EmbeddingModel", "chatsphere-hash-v1"),
        ("Models:ChatModel", "fake-chat"),
        ("Ingestion:MaxUploadBytes", UploadLimit.ToString()),
        // One retry (after the Retry-After the fake sends) keeps failure tests quick.
        ("Models:MaxRetries", "1"),
        ("Models:StreamIdleTimeoutSeconds", StreamIdleTimeoutSeconds.ToString()),
    ];

    protected override async Task OnStoppedAsync() => await Model.DisposeAsync();
}
