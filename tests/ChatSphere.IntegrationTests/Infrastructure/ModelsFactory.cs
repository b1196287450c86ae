using ChatSphere.Testing.FakeOpenAi;

namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>
/// A host whose OpenAI-compatible endpoint is a fake server on loopback, and whose default embedding model is
/// still the offline one, so bots can be moved between the two. Uploads are capped at 256 KB to test the limit.
/// </summary>
public class ModelsFactory : ChatSphereFactory
{
    public const long UploadLimit = 256 * 1024;

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
        // One retry (after the Retry-After the fake sends) and a short stall limit keep failure tests quick.
        ("Models:MaxRetries", "1"),
        ("Models:StreamIdleTimeoutSeconds", "2"),
    ];

    protected override async Task OnStoppedAsync() => await Model.DisposeAsync();
}
