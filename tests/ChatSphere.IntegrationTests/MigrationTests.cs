using ChatSphere.Core.Data;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChatSphere.IntegrationTests;

/// <summary>A host of its own on a brand-new database: its start-up is what applies the migrations.</summary>
public sealed class MigrationTests(ChatSphereFactory app) : IClassFixture<ChatSphereFactory>
{
    [Fact]
    public async Task Start_up_migrates_an_empty_database_and_a_second_run_is_a_no_op()
    {
        await using var scope = app.CreateScope();
        var db = app.Db(scope);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());

        await scope.ServiceProvider.GetRequiredService<AppDbInitialiser>().InitialiseAsync();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(2, await db.Roles.CountAsync());
    }

    [Fact]
    public async Task Schema_has_the_tables_and_the_vector_and_full_text_columns()
    {
        await using var connection = new NpgsqlConnection(app.DatabaseConnectionString);
        await connection.OpenAsync();
        var tables = await ListAsync(connection,
            "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema IN ('public', 'hangfire')");
        Assert.Superset(
            new HashSet<string>
            {
                "public.AspNetUsers", "public.AspNetRoles", "public.UserProfiles", "public.Bots", "public.Documents",
                "public.DocumentContents", "public.Chunks", "public.Conversations", "public.Messages",
                "public.DataProtectionKeys", "public.AppSecrets", "hangfire.job",
            },
            tables.ToHashSet());

        var columns = await ListAsync(connection,
            """
            SELECT attname || ':' || format_type(atttypid, atttypmod) FROM pg_attribute
            WHERE attrelid = '"Chunks"'::regclass AND attname IN ('Embedding', 'SearchVector')
            ORDER BY attname
            """);
        Assert.Equal(["Embedding:vector", "SearchVector:tsvector"], columns);

        var indexes = await ListAsync(connection, "SELECT indexdef FROM pg_indexes WHERE tablename = 'Chunks'");
        Assert.Contains(indexes, i => i.Contains("USING gin (\"SearchVector\")"));
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql)
    {
        var rows = new List<string>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
