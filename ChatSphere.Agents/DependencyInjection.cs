using ChatSphere.Agents.Answering;
using ChatSphere.Agents.Chat;
using ChatSphere.Agents.Embeddings;
using ChatSphere.Agents.Models;
using ChatSphere.Agents.Retrieval;
using ChatSphere.Core.Ingestion;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatSphere.Agents;

public static class DependencyInjection
{
    public static IHostApplicationBuilder AddChatSphereAgents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ModelOptions>()
            .BindConfiguration(ModelOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<OpenAiClientFactory>();
        builder.Services.AddSingleton(services => new EndpointModels(
            async cancellationToken =>
            {
                var listed = await services.GetRequiredService<OpenAiClientFactory>().Client.GetOpenAIModelClient().GetModelsAsync(cancellationToken);
                return [.. listed.Value.Select(m => m.Id)];
            },
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<IOptions<ModelOptions>>(),
            services.GetRequiredService<ILogger<EndpointModels>>()));
        builder.Services.AddScoped<ModelCatalog>();
        builder.Services.AddScoped<BotModelCheck>();
        builder.Services.AddSingleton<KernelServices>();
        builder.Services.AddSingleton<OfflineEmbeddingModels>();
        builder.Services.AddScoped<KnowledgeSearch>();
        builder.Services.AddSingleton<ChunkCounts>();
        builder.Services.AddScoped<ChatTurns>();

        // The one place that reads the mode: with a model key, the endpoint's models answer and embed; without, the offline ones.
        var mode = builder.Configuration.GetSection(ModelOptions.SectionName).Get<ModelOptions>()?.Mode ?? ModelMode.Offline;
        switch (mode)
        {
            case ModelMode.OpenAiCompatible:
                builder.Services.AddSingleton<IEmbeddingModels, OpenAiEmbeddingModels>();
                builder.Services.AddScoped<IBotAnswerer, ModelAnswerer>();
                break;
            case ModelMode.Offline:
                builder.Services.AddSingleton<IEmbeddingModels>(services => services.GetRequiredService<OfflineEmbeddingModels>());
                builder.Services.AddSingleton<ExtractiveAnswerer>();
                builder.Services.AddSingleton<IBotAnswerer, OfflineAnswerer>();
                break;
            default:
                throw new InvalidOperationException($"Unknown model mode {mode}.");
        }

        return builder;
    }
}
