namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>The fake-model host on a real loopback port, for clients outside this process (the openai npm package).</summary>
public sealed class KestrelModelsFactory : ModelsFactory
{
    public KestrelModelsFactory() => Kestrel = true;
}
