using Microsoft.Extensions.AI;

namespace ChatSphere.Agents.Embeddings;

/// <summary><see cref="IEmbeddingGenerator.GetService"/> of the offline generators: their metadata, or themselves.</summary>
internal static class GeneratorServices
{
    public static object? Get(IEmbeddingGenerator generator, EmbeddingGeneratorMetadata metadata, Type serviceType, object? serviceKey)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(EmbeddingGeneratorMetadata) ? metadata
            : serviceType.IsInstanceOfType(generator) ? generator
            : null;
    }
}
