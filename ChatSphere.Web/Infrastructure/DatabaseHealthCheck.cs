using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace ChatSphere.Web.Infrastructure;

/// <summary>Ready when PostgreSQL answers and the pgvector extension is installed in our database.</summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT extversion FROM pg_extension WHERE extname = 'vector'");
            var version = await command.ExecuteScalarAsync(cancellationToken) as string;
            return version is null
                ? HealthCheckResult.Unhealthy("PostgreSQL answers, but the vector extension is not installed.")
                : HealthCheckResult.Healthy($"PostgreSQL with pgvector {version}.");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer.", ex);
        }
    }
}
