using Npgsql;

namespace ChatSphere.Core.Data;

/// <summary>
/// What every ChatSphere connection string gets unless it says otherwise: keepalives, so connections a server restart
/// killed are found (npgsql #2896), and a connect timeout short enough that retries against a host that does not
/// answer end in seconds, not minutes. Used by the app's data source and by Hangfire's storage.
/// </summary>
public static class ConnectionDefaults
{
    public const int KeepAliveSeconds = 30;
    public const int ConnectTimeoutSeconds = 5;

    public static string Apply(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.KeepAlive is 0)
        {
            builder.KeepAlive = KeepAliveSeconds;
        }

        // Npgsql's default is 15 s; a Timeout the string gives is kept (Npgsql's own builder claims every keyword it knows).
        if (!new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.ContainsKey("Timeout"))
        {
            builder.Timeout = ConnectTimeoutSeconds;
        }

        return builder.ConnectionString;
    }
}
