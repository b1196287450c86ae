using ChatSphere.Agents;
using ChatSphere.Agents.Answering;
using ChatSphere.Agents.Embeddings;
using ChatSphere.Core.Ingestion;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatSphere.UnitTests.Answering;

public sealed class AnswererCompositionTests
{
    [Fact]
    public void Without_a_model_key_the_offline_answerer_and_embedder_are_composed()
    {
        var services = Compose([]);

        Assert.Equal(typeof(OfflineAnswerer), Registered<IBotAnswerer>(services));
        using var provider = services.BuildServiceProvider();
        var embeddings = provider.GetRequiredService<IEmbeddingModels>();
        Assert.IsType<OfflineEmbeddingModels>(embeddings);
        Assert.Equal(HashingEmbeddingGenerator.ModelId, embeddings.DefaultModel);
        Assert.IsType<HashingEmbeddingGenerator>(embeddings.Get(HashingEmbeddingGenerator.ModelId));
        Assert.IsType<ArcticEmbeddingGenerator>(embeddings.Get(ArcticEmbeddingGenerator.ModelId));
        var refused = Assert.Throws<InvalidOperationException>(() => embeddings.Get("text-embedding-3-small"));
        Assert.Contains("no model API key is configured", refused.Message);
    }

    [Fact]
    public void With_a_model_key_the_model_answers_and_the_endpoints_embedder_is_the_default()
    {
        var services = Compose([("Models:ApiKey", "test-key"), ("Models:BaseUrl", "http://127.0.0.1:9/v1"), ("Models:EmbeddingModel", "fake-embed")]);

        Assert.Equal(typeof(ModelAnswerer), Registered<IBotAnswerer>(services));
        using var provider = services.BuildServiceProvider();
        var embeddings = provider.GetRequiredService<IEmbeddingModels>();
        Assert.IsType<OpenAiEmbeddingModels>(embeddings);
        Assert.Equal("fake-embed", embeddings.DefaultModel);
        // Bots indexed offline still search with the offline embedder.
        Assert.IsType<HashingEmbeddingGenerator>(embeddings.Get(HashingEmbeddingGenerator.ModelId));
        Assert.IsType<ArcticEmbeddingGenerator>(embeddings.Get(ArcticEmbeddingGenerator.ModelId));
        Assert.NotNull(embeddings.Get("fake-embed"));
        Assert.Same(embeddings.Get("fake-embed"), embeddings.Get("fake-embed"));
    }

    private static IServiceCollection Compose(IEnumerable<(string Key, string Value)> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.AddChatSphereAgents();
        return builder.Services;
    }

    private static Type? Registered<TService>(IServiceCollection services) =>
        Assert.Single(services, d => d.ServiceType == typeof(TService)).ImplementationType;
}
