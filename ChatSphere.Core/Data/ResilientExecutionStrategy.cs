using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace ChatSphere.Core.Data;

/// <summary>
/// EF Core's Npgsql retrying strategy, which also empties the connection pool when a connection turns out dead. After a
/// server restart every idle pooled connection is dead, and each retry would otherwise draw the next one (npgsql
/// #2896, #5073). Raw Npgsql work runs inside it too (<c>db.Database.CreateExecutionStrategy()</c>), so every path retries alike.
/// </summary>
public sealed class ResilientExecutionStrategy(ExecutionStrategyDependencies dependencies, NpgsqlDataSource dataSource)
    : NpgsqlRetryingExecutionStrategy(dependencies, MaxRetries)
{
    /// <summary>Retries after 0, about 1 and about 3 seconds: a fast restart is ridden out, a longer outage fails in ~4 s.</summary>
    public const int MaxRetries = 3;

    protected override bool ShouldRetryOn(Exception? exception)
    {
        if (exception is not null && DatabaseFailure.IsBrokenConnection(exception))
        {
            dataSource.Clear();
            // Hangfire's storage pools by connection string, outside the data source: its idle connections died too, and
            // an upload's enqueue right after the restart drew one (a 503 in one of several clean-clone runs).
            NpgsqlConnection.ClearAllPools();
        }

        return base.ShouldRetryOn(exception);
    }
}
