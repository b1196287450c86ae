using ChatSphere.Core.Data;
using ChatSphere.Core.Ingestion;
using ChatSphere.Web.Auth;
using ChatSphere.Web.Infrastructure.KeyEncryption;

namespace ChatSphere.Web.Infrastructure;

public static class WebApplicationExtensions
{
    /// <summary>Migrates the database, seeds roles and the admin, encrypts keys stored plain, queues language detection for documents from before it, and loads the JWT key before serving.</summary>
    public static async Task InitialiseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDbInitialiser>().InitialiseAsync();
        await scope.ServiceProvider.GetRequiredService<StoredKeyProtection>().ProtectPlainKeysAsync();
        await DetectLanguagesJob.QueueIfNeededAsync(
            scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider.GetRequiredService<Hangfire.IBackgroundJobClient>(), default);
        await app.Services.GetRequiredService<JwtKeyRing>()
            .LoadAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>
    /// The OpenAPI document at /openapi/v1.json and a readable reference of it at /docs/api: Swagger UI, whose files
    /// are embedded in its package, so the page works on an offline install (no CDN).
    /// </summary>
    public static void MapApiReference(this WebApplication app)
    {
        app.MapOpenApi();
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "docs/api";
            options.SwaggerEndpoint("/openapi/v1.json", "ChatSphere API v1");
            options.DocumentTitle = "ChatSphere API reference";
        });
    }
}
