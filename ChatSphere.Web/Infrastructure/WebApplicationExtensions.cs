using ChatSphere.Core.Data;

namespace ChatSphere.Web.Infrastructure;

public static class WebApplicationExtensions
{
    /// <summary>Migrates the database, seeds roles and the admin, and loads the JWT key before serving.</summary>
    public static async Task InitialiseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDbInitialiser>().InitialiseAsync();
        await app.Services.GetRequiredService<JwtKeyRing>()
            .LoadAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
