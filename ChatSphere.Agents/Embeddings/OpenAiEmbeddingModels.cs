using ChatSphere.Agents.Models;
using ChatSphere.Core.Ingestion;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace ChatSphere.Agents.Embeddings;

/// <summary>
/// The embedding models with an OpenAI-compatible endpoint configured: any model of the endpoint (the configured one
/// by default), and ChatSphere's offline embedders still (<see cref="OfflineEmbeddingModels"/>; their names win over
/// an endpoint model of the same name). Owners can only choose the models the site offers
/// (<see cref="Models.ModelCatalog"/>), and the generators are kept for the most recent names only.
/// </summary>
public sealed class OpenAiEmbeddingModels(IOptions<ModelOptions> options, OpenAiClientFactory openAi, OfflineEmbeddingModels offline) : IEmbeddingModels
{
    private readonly RecentGenerators _remote = new(model => openAi.Client.GetEmbeddingClient(model).AsIEmbeddingGenerator());

    public string DefaultModel => options.Value.EmbeddingModel;

    public IEmbeddingGenerator<string, Embedding<float>> Get(string model) =>
        OfflineEmbeddingModels.Offers(model)
            ? offline.Get(model)
            : _remote.Get(model);
}
