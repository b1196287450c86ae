using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ChatSphere.IntegrationTests.Reliability;

/// <summary>
/// A PostgreSQL cluster of one test's own, in a temporary directory on a free loopback port, that the test may stop and
/// restart (the shared cluster on 5433 must never be). Run as the postgres user when the tests run as root, as
/// ./chatsphere does: PostgreSQL refuses to run as root. pgvector is installed into this PostgreSQL by ./chatsphere.
/// </summary>
public sealed class ThrowawayCluster : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private const string OsUser = "postgres";

    private readonly string _root;

    private ThrowawayCluster(string root, int port) => (_root, Port) = (root, port);

    public int Port { get; }

    /// <summary>The database "chatsphere" as the superuser (trust authentication, loopback only).</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Database=chatsphere;Username=postgres";

    private string Data => Path.Combine(_root, "data");

    private string Log => Path.Combine(_root, "postgres.log");

    public static async Task<ThrowawayCluster> StartAsync()
    {
        var root = Directory.CreateTempSubdirectory("chatsphere-pg-").FullName;
        var cluster = new ThrowawayCluster(root, FreePort());
        try
        {
            if (Environment.IsPrivilegedProcess)
            {
                await RunAsync("chown", OsUser, root);
            }

            await cluster.PgAsync("initdb", "-D", cluster.Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "-N");
            await File.AppendAllTextAsync(Path.Combine(cluster.Data, "postgresql.conf"), $"""

                listen_addresses = '127.0.0.1'
                port = {cluster.Port}
                unix_socket_directories = ''
                fsync = off
                max_connections = 100
                """);
            await cluster.StartServerAsync();
            await cluster.AddDatabaseAsync("chatsphere");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates another database on this cluster and returns its connection string.</summary>
    public async Task<string> AddDatabaseAsync(string name)
    {
        var server = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Shuts the server down as an administrator's restart does: every connection is terminated.</summary>
    public Task StopAsync() => PgAsync("pg_ctl", "-D", Data, "-m", "fast", "-w", "-t", "30", "stop");

    public Task StartServerAsync() => PgAsync("pg_ctl", "-D", Data, "-l", Log, "-w", "-t", "30", "start");

    /// <summary>A fast restart: every connection the site holds is dead afterwards, and the site is not told.</summary>
    public Task RestartAsync() => PgAsync("pg_ctl", "-D", Data, "-l", Log, "-m", "fast", "-w", "-t", "30", "restart");

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(Data, "postmaster.pid")))
        {
            await PgAsync("pg_ctl", "-D", Data, "-m", "immediate", "-w", "-t", "30", "stop");
        }

        Directory.Delete(_root, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task PgAsync(string program, params string[] arguments) =>
        Environment.IsPrivilegedProcess
            ? RunAsync("runuser", ["-u", OsUser, "--", Path.Combine(Bin, program), .. arguments])
            : RunAsync(Path.Combine(Bin, program), arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        // From "/": the postgres user may not be able to enter the test's working directory.
        var start = new ProcessStartInfo(program, arguments) { WorkingDirectory = "/", RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await errors}");
        }
    }
}
