using System.Net;
using ChatSphere.Agents.Retrieval;
using ChatSphere.Core.Accounts;
using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Ingestion;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pgvector;

namespace ChatSphere.IntegrationTests.Ingestion;

/// <summary>A large bot's own partial indexes: built by a job once it passes the threshold, used by its search, dropped with it.</summary>
public sealed class BotIndexTests(SmallBotIndexFactory app) : IClassFixture<SmallBotIndexFactory>
{
    [Fact]
    public async Task A_bot_past_the_threshold_gets_its_own_indexes_and_its_vector_search_uses_them()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await CreateIndexedBotAsync(api);

        await using var scope = app.CreateScope();
        var dataSource = scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await dataSource.OpenConnectionAsync();
        var (model, vector) = await SomeVectorAsync(connection, bot);
        var plan = await ExplainAsync(connection, ChunkSql.NearestCommand(bot, model, vector, exact: false, limit: 40));
        Assert.True(plan.Contains($"Index Scan using \"{BotIndexNames.Vector(bot, 384)}\"", StringComparison.Ordinal), plan);

        // The batch's settings lasted only as long as the batch: the pooled connection goes back as it came.
        await using var show = new NpgsqlCommand("SELECT current_setting('hnsw.iterative_scan'), current_setting('enable_seqscan')", connection);
        await using var reader = await show.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(("off", "on"), (reader.GetString(0), reader.GetString(1)));
    }

    [Fact]
    public async Task Search_through_a_bots_own_index_returns_what_the_exact_search_returns()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await CreateIndexedBotAsync(api);

        await using var scope = app.CreateScope();
        await using var connection = await scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        var (model, vector) = await SomeVectorAsync(connection, bot, "ships passing the northern cape");
        var hits = await SearchAsync(bot, "ships passing the northern cape", SearchMode.Vector);

        // Exact distances over all the bot's rows ("+ 0": no index can order them).
        var exact = new List<(Guid, double)>();
        await using (var batch = new NpgsqlBatch(connection) { BatchCommands = { ChunkSql.NearestCommand(bot, model, vector, exact: true, limit: 10) } })
        await using (var reader = await batch.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                exact.Add((reader.GetGuid(0), Math.Round(reader.GetDouble(1), 6)));
            }
        }

        Assert.Equal(10, hits.Count);
        Assert.Equal(exact, hits.Select(h => (h.ChunkId, Math.Round(h.Similarity!.Value, 6))));
    }

    [Fact]
    public async Task A_large_bot_without_its_own_indexes_gets_them_when_the_site_starts()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await CreateIndexedBotAsync(api);
        await using (var scope = app.CreateScope())
        await using (var connection = await scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
        {
            // As after an upgrade or a bulk load: the bot is large, but has no indexes of its own.
            await ChunkSql.DropBotIndexAsync(connection, BotIndexNames.Vector(bot, 384), CancellationToken.None);
            await ChunkSql.DropBotIndexAsync(connection, BotIndexNames.Text(bot), CancellationToken.None);
            Assert.Empty((await ChunkSql.BotIndexStateAsync(connection, bot, CancellationToken.None)).Indexes);
        }

        await using var restarted = new SmallBotIndexFactory { ConnectionString = app.DatabaseConnectionString };
        await ((IAsyncLifetime)restarted).InitializeAsync();
        await WaitForIndexesAsync(bot, present: true);
    }

    [Fact]
    public async Task Deleting_a_bot_drops_its_own_indexes()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await CreateIndexedBotAsync(api);

        Assert.Equal(HttpStatusCode.NoContent, (await api.Http.DeleteAsync($"/api/v1/bots/{bot}")).StatusCode);
        await WaitForIndexesAsync(bot, present: false);
    }

    [Fact]
    public async Task Deleting_an_account_drops_its_bots_own_indexes()
    {
        var email = await Accounts.CreateOwnerAsync(app, "large");
        using var api = await ApiClient.ForAsync(app, email);
        var bot = await CreateIndexedBotAsync(api);

        await using (var scope = app.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var (admin, owner) = (await users.FindByEmailAsync(ChatSphereFactory.AdminEmail), await users.FindByEmailAsync(email));
            Assert.True((await scope.ServiceProvider.GetRequiredService<AccountAdmin>().DeleteAsync(admin!.Id, owner!.Id)).Succeeded);
        }

        await WaitForIndexesAsync(bot, present: false);
    }

    /// <summary>A bot of one document with more chunks than the threshold, every one of them different, once its indexes are built.</summary>
    private async Task<Guid> CreateIndexedBotAsync(ApiClient api)
    {
        var bot = await api.CreateBotAsync(new { name = "Large", chunkMaxTokens = 40, chunkOverlapTokens = 0 });
        var text = string.Join("\n\n", Enumerable.Range(1, 40).Select(i =>
            $"Log {i}: the lighthouse keeper counted {i * 7} ships passing the northern cape, {i % 5} of them under sail, in {1900 + i}."));
        var document = await api.IngestAsync(bot, "log.txt", TestFiles.Text(text));
        Assert.True(document.ChunkCount > SmallBotIndexFactory.Threshold, $"Only {document.ChunkCount} chunks.");
        await WaitForIndexesAsync(bot, present: true);
        return bot;
    }

    /// <summary>Waits for the job: both of the bot's own indexes built and valid, or none left.</summary>
    private async Task WaitForIndexesAsync(Guid bot, bool present)
    {
        var wanted = present ? new[] { BotIndexNames.Vector(bot, 384), BotIndexNames.Text(bot) } : [];
        await using var scope = app.CreateScope();
        var dataSource = scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            var (_, indexes) = await ChunkSql.BotIndexStateAsync(connection, bot, CancellationToken.None);
            var valid = indexes.Where(i => i.Valid).Select(i => i.Name).Order().ToList();
            if (valid.SequenceEqual(wanted.Order()) && indexes.All(i => i.Valid))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Bot {bot} has indexes [{string.Join(", ", indexes)}], not [{string.Join(", ", wanted)}].");
            await Task.Delay(100);
        }
    }

    /// <summary>The bot's model, and the query's embedding by it (or, with no query, one of the bot's chunks' vectors).</summary>
    private async Task<(string Model, Vector Vector)> SomeVectorAsync(NpgsqlConnection connection, Guid bot, string? query = null)
    {
        await using var command = new NpgsqlCommand("""SELECT "EmbeddingModel", "Embedding" FROM "Chunks" WHERE "BotId" = @bot LIMIT 1""", connection);
        command.Parameters.AddWithValue("bot", bot);
        var (model, vector) = (default(string), default(Vector));
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            (model, vector) = (reader.GetString(0), reader.GetFieldValue<Vector>(1));
        }

        if (query is not null)
        {
            await using var scope = app.CreateScope();
            var embedding = await scope.ServiceProvider.GetRequiredService<IEmbeddingModels>().Get(model).GenerateAsync([query]);
            vector = new Vector(embedding[0].Vector);
        }

        return (model, vector);
    }

    /// <summary>
    /// The plan of the search's own vector statement, with its parameters and the bot-index scan settings. The table is
    /// tiny, so sequential and bitmap scans are ruled out: left are the two HNSW indexes, the bot's and the shared one.
    /// </summary>
    private static async Task<string> ExplainAsync(NpgsqlConnection connection, NpgsqlBatchCommand nearest)
    {
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(ChunkSql.ScanSettingsCommand(VectorScan.BotIndex));
        // A test bot of a few dozen rows is cheaper to read by its btree and sort than through any HNSW index; with scans
        // and sorts off the planner chooses among ordered index scans only: the bot's own index or the shared one.
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true), set_config('enable_sort', 'off', true)"));
        var explain = new NpgsqlBatchCommand("EXPLAIN " + nearest.CommandText);
        foreach (NpgsqlParameter parameter in nearest.Parameters)
        {
            explain.Parameters.Add(parameter.Clone());
        }

        batch.BatchCommands.Add(explain);
        await using var reader = await batch.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.NextResultAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join("\n", lines);
    }

    private async Task<IReadOnlyList<SearchHit>> SearchAsync(Guid botId, string query, SearchMode mode)
    {
        await using var scope = app.CreateScope();
        var bot = await app.Db(scope).Bots.AsNoTracking().SingleAsync(b => b.Id == botId);
        return await scope.ServiceProvider.GetRequiredService<KnowledgeSearch>().SearchAsync(bot, query, 10, CancellationToken.None, mode);
    }
}
