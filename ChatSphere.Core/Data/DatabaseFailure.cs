using Npgsql;

namespace ChatSphere.Core.Data;

/// <summary>
/// Tells a failure that trying again may cure (the server restarting, a broken connection, too many clients) from a
/// real error, wherever EF Core or a caller wrapped it (RetryLimitExceededException, DbUpdateException...).
/// </summary>
public static class DatabaseFailure
{
    /// <summary>What a user is told while PostgreSQL does not answer.</summary>
    public const string Detail = "The database is not answering right now. Please try again in a moment.";

    /// <summary>Seconds a client is asked to wait (Retry-After) before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    public static bool IsTransient(Exception? exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is NpgsqlException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The connection itself is gone (a network error, or the server shut down or restarted): the pool's idle connections
    /// most likely went with it. PostgreSQL reports a shutdown as class 57P (admin, crash, cannot connect now).
    /// </summary>
    public static bool IsBrokenConnection(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("57P", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };
}
