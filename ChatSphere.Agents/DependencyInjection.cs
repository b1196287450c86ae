using ChatSphere.Agents.Answering;
using ChatSphere.Agents.Chat;
using ChatSphere.Agents.Embeddings;
using ChatSphere.Agents.Models;
using ChatSphere.Agents.Retrieval;
using ChatSphere.Core.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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
        builder.Services.AddSingleton<KernelServices>();
        builder.Services.AddSingleton<IEmbeddingModels, EmbeddingModels>();
        builder.Services.AddScoped<KnowledgeSearch>();
        builder.Services.AddSingleton<ChunkCounts>();
        builder.Services.AddSingleton<ExtractiveAnswerer>();
        builder.Services.AddScoped<BotAgent>();
        return builder;
    }
}
