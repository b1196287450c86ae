using ChatSphere.Core.Accounts;
using ChatSphere.Core.Bots;
using ChatSphere.Core.Data;
using ChatSphere.Core.Ingestion;
using ChatSphere.Core.Ingestion.Chunking;
using ChatSphere.Core.Quotas;
using ChatSphere.Core.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace ChatSphere.Core;

public static class DependencyInjection
{
    public const string ConnectionStringName = "ChatSphere";

    public static IHostApplicationBuilder AddChatSphereCore(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set. Start the site with './chatsphere run', " +
                $"or set the environment variable ConnectionStrings__{ConnectionStringName} to a PostgreSQL " +
                "database that has the pgvector extension.");
        }

        var dataSourceBuilder = new NpgsqlDataSourceBuilder(ConnectionDefaults.Apply(connectionString));
        dataSourceBuilder.UseVector();
        dataSourceBuilder.EnableDynamicJson();
        var dataSource = dataSourceBuilder.Build();
        builder.Services.AddSingleton(dataSource);

        // Pooled: a context's internal services (change tracker, query pipeline) are built once per pooled instance
        // instead of once per request; a widget stream holds its context for the whole answer, so the pool is sized
        // for hundreds of them (above it, contexts are simply created and dropped).
        builder.Services.AddDbContextPool<AppDbContext>(options => options.UseNpgsql(dataSource, npgsql =>
        {
            npgsql.UseVector();
            npgsql.MigrationsAssembly(typeof(AppDbContext).Assembly.GetName().Name);
            // EF's retrying strategy, which also drops the pool's dead connections after a server restart.
            npgsql.ExecutionStrategy(dependencies => new ResilientExecutionStrategy(dependencies, dataSource));
        }), poolSize: 1024);

        builder.Services.AddSingleton<Ingestion.Extraction.DocumentExtractor>();
        builder.Services.AddScoped<AppDbInitialiser>();
        builder.Services.AddScoped<BotService>();
        builder.Services.AddScoped<TokenBudget>();
        builder.Services.AddOptions<QuotaOptions>()
            .BindConfiguration(QuotaOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<AccountQuotas>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<Conversations.ConversationService>();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<ChatSphereMetrics>();
        AddIngestion(builder.Services);
        AddAccounts(builder.Services);
        return builder;
    }

    private static void AddAccounts(IServiceCollection services)
    {
        services.AddOptions<RegistrationOptions>()
            .BindConfiguration(RegistrationOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<SignUpPolicies>();
        services.AddScoped<SignUps>();
        services.AddScoped<Invitations>();
        services.AddScoped<AccountAdmin>();
        services.AddScoped<UserSummaries>();
    }

    private static void AddIngestion(IServiceCollection services)
    {
        services.AddOptions<IngestionOptions>()
            .BindConfiguration(IngestionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<DocumentService>();
        services.AddSingleton<DocumentExtraction>();
        // The tokenizer's vocabulary takes a moment to load: once per process.
        services.AddSingleton(_ => TokenCounter.Shared);
        services.AddHostedService<TokenizerWarmUp>();
        services.AddSingleton<Chunker>();
        // One detector per process: its models load on first use and are shared.
        services.AddSingleton<Languages.LanguageDetection>();
        services.AddSingleton<Languages.BotLanguages>();
        services.AddSingleton<VectorIndexes>();
        services.AddScoped<ChunkEmbedder>();
        services.AddScoped<ChunkWriter>();
        services.AddScoped<IngestDocumentJob>();
        services.AddScoped<ReembedBotJob>();
        services.AddScoped<DetectLanguagesJob>();
        services.AddScoped<BotIndexes>();
        services.AddScoped<BotIndexJob>();
        services.AddHostedService<BotIndexSweep>();
    }
}
