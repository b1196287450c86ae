using System.Collections.Concurrent;
using ChatSphere.Agents.Models;
using ChatSphere.Core.Ingestion;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace ChatSphere.Agents.Embeddings;

/// <summary>
/// The embedding models a bot can use: ChatSphere's offline embedder always, and any model of the configured
/// OpenAI-compatible endpoint when a key is set (then also the default).
/// </summary>
public sealed class EmbeddingModels(IOptions<ModelOptions> options, OpenAiClientFactory openAi) : IEmbeddingModels
{
    private readonly HashingEmbeddingGenerator _offline = new();
    private readonly ConcurrentDictionary<string, IEmbeddingGenerator<string, Embedding<float>>> _remote = new();

    public string DefaultModel => options.Value.Mode == ModelMode.Offline ? HashingEmbeddingGenerator.ModelId : options.Value.EmbeddingModel;

    public IEmbeddingGenerator<string, Embedding<float>> Get(string model)
    {
        if (model == HashingEmbeddingGenerator.ModelId)
        {
            return _offline;
        }

        if (options.Value.Mode == ModelMode.Offline)
        {
            throw new InvalidOperationException(
                $"The embedding model '{model}' needs an OpenAI-compatible endpoint, but no model API key is configured.");
        }

        return _remote.GetOrAdd(model, m => openAi.Client.GetEmbeddingClient(m).AsIEmbeddingGenerator());
    }
}
