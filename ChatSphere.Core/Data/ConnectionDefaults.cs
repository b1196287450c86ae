using Npgsql;

namespace ChatSphere.Core.Data;

/// <summary>
/// What every ChatSphere connection string gets unless it says otherwise: keepalives, so connections a server restart
/// killed are found (npgsql #2896). Used by the app's data source and by Hangfire's storage. The connect timeout stays
/// Npgsql's 15 s: a stopped server refuses at once anyway, and 5 s failed a whole test host's start on a busy 2-core
/// machine (a fresh cluster under the full suite), where connecting waits for a core, not for the network.
/// </summary>
public static class ConnectionDefaults
{
    public const int KeepAliveSeconds = 30;

    public static string Apply(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.KeepAlive is 0)
        {
            builder.KeepAlive = KeepAliveSeconds;
        }

        return builder.ConnectionString;
    }
}
