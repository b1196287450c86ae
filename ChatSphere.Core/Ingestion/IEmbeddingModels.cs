using Microsoft.Extensions.AI;

namespace ChatSphere.Core.Ingestion;

/// <summary>
/// Turns an embedding model id into a generator. Implemented in ChatSphere.Agents (offline or OpenAI-compatible);
/// an interface only because Core cannot reference the project that knows the models.
/// </summary>
public interface IEmbeddingModels
{
    /// <summary>The model a bot uses when its owner chose none.</summary>
    string DefaultModel { get; }

    /// <summary>A generator for <paramref name="model"/>; throws <see cref="InvalidOperationException"/> with a readable reason when it cannot be used here.</summary>
    IEmbeddingGenerator<string, Embedding<float>> Get(string model);
}
