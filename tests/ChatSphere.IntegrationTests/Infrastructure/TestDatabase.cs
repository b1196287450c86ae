using Npgsql;

namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>A throwaway database on the test cluster, created from template1 (which has pgvector) and dropped after.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private TestDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("CHATSPHERE_TEST_CONNECTION") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "CHATSPHERE_TEST_CONNECTION is not set. Run the tests with './chatsphere test', which starts " +
                "PostgreSQL with pgvector and sets it.");

    public static async Task<TestDatabase> CreateAsync(string purpose, string template = "template1")
    {
        var name = $"cs_{purpose}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE {template}", connection);
        await command.ExecuteNonQueryAsync();
        return new TestDatabase(ServerConnectionString, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 50)
            {
                // An autovacuum worker in the database: PostgreSQL 15's FORCE may not terminate it ("must be a member of
                // the role whose process is being terminated"). It finishes in well under a second on these databases.
                await Task.Delay(200);
            }
        }
    }
}
