using System.Collections.Concurrent;
using ChatSphere.Agents.Models;
using ChatSphere.Core.Ingestion;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace ChatSphere.Agents.Embeddings;

/// <summary>
/// The embedding models with an OpenAI-compatible endpoint configured: any model of the endpoint (the configured one
/// by default), and ChatSphere's offline embedder still, for bots indexed with it.
/// </summary>
public sealed class OpenAiEmbeddingModels(IOptions<ModelOptions> options, OpenAiClientFactory openAi, OfflineEmbeddingModels offline) : IEmbeddingModels
{
    private readonly ConcurrentDictionary<string, IEmbeddingGenerator<string, Embedding<float>>> _remote = new();

    public string DefaultModel => options.Value.EmbeddingModel;

    public IEmbeddingGenerator<string, Embedding<float>> Get(string model) =>
        model == HashingEmbeddingGenerator.ModelId
            ? offline.Get(model)
            : _remote.GetOrAdd(model, m => openAi.Client.GetEmbeddingClient(m).AsIEmbeddingGenerator());
}
