using System.Collections.Concurrent;
using ChatSphere.Agents.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace ChatSphere.Agents.Chat;

/// <summary>
/// The Kernel's services (the OpenAI-compatible chat service) for each chat model, built once. A bot's Kernel per
/// request is then two small objects; building a service container per answer cost a DI container, its
/// compiled resolvers (dynamic methods, so JIT work on every answer) and SK's registrations each time.
/// </summary>
public sealed class KernelServices(OpenAiClientFactory openAi)
{
    /// <summary>
    /// Model names are what owners type, so the cache is bounded: past this many, a name's services are built for the
    /// request and dropped (what every request cost before the cache).
    /// </summary>
    internal const int MaxCachedModels = 32;

    private readonly ConcurrentDictionary<string, IServiceProvider> _byModel = new(StringComparer.Ordinal);

    /// <summary>A Kernel for one turn: the model's chat service and the bot's knowledge plugin, searching for <paramref name="turn"/>.</summary>
    public Kernel KernelFor(string chatModel, KnowledgeTurn turn)
    {
        var services = _byModel.TryGetValue(chatModel, out var cached) ? cached
            : _byModel.Count < MaxCachedModels ? _byModel.GetOrAdd(chatModel, Build)
            : Build(chatModel);
        // The bot's own plugin and nothing else: no file, web or shell access for the model.
        var kernel = new Kernel(services, [KnowledgePlugin.Shared]);
        turn.AttachTo(kernel);
        return kernel;
    }

    internal int CachedModels => _byModel.Count;

    private IServiceProvider Build(string chatModel)
    {
        var services = new ServiceCollection();
        services.AddOpenAIChatCompletion(chatModel, openAi.ChatClient);
        return services.BuildServiceProvider();
    }
}
