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
        await command.ExecuteNonQueryAsync();
    }
}
