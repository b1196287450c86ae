using System.Diagnostics;
using ChatSphere.Agents.Embeddings;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace ChatSphere.Bench.Live;

/// <summary>
/// Search latency on a bot of 10,000 chunks among 200,000 in the table (20 bots, loaded in bulk with the offline
/// embedder, the HNSW index built after the load), hybrid next to each leg alone, through the API.
/// </summary>
internal sealed class ScaleBench(Squad squad, string serverConnection, TextWriter output)
{
    private const int Bots = 20;
    private const int ChunksPerBot = 10_000;

    public async Task RunAsync()
    {
        await using var site = await LiveSite.StartAsync(serverConnection, "chatsphere_scale", 5092);
        var target = await site.CreateBotAsync("Big bot");
        var sentences = squad.Documents.SelectMany(d => d.Blocks)
            .SelectMany(b => b.Text.Split(". ", StringSplitOptions.RemoveEmptyEntries)).ToArray();

        var dataSourceBuilder = new NpgsqlDataSourceBuilder(site.ConnectionString);
        dataSourceBuilder.UseVector();
        await using var dataSource = dataSourceBuilder.Build();
        var watch = Stopwatch.StartNew();
        await Exec(dataSource, """DROP INDEX IF EXISTS "IX_Chunks_Embedding_384" """);
        var bots = new List<Guid> { target };
        for (var b = 1; b < Bots; b++)
        {
            bots.Add(Guid.CreateVersion7());
        }

        var embedder = new HashingEmbeddingGenerator();
        for (var b = 0; b < Bots; b++)
        {
            await LoadBotAsync(dataSource, bots[b], isTarget: b == 0, sentences, embedder, seed: b);
        }

        var load = watch.Elapsed.TotalSeconds;
        watch.Restart();
        await Exec(dataSource, """
            SET maintenance_work_mem = '512MB';
            CREATE INDEX "IX_Chunks_Embedding_384" ON "Chunks" USING hnsw (("Embedding"::vector(384)) vector_cosine_ops) WHERE "EmbeddingDimensions" = 384;
            ANALYZE "Chunks";
            """);
        var index = watch.Elapsed.TotalSeconds;

        var questions = squad.Questions.Take(1000).Select(q => q.Text).ToList();
        var results = new Dictionary<string, List<double>>();
        foreach (var mode in new[] { "hybrid", "vector", "text" })
        {
            var times = results[mode] = [];
            foreach (var question in questions)
            {
                var started = Stopwatch.GetTimestamp();
                var hits = await site.SearchAsync(target, question, 10, mode);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (mode == "vector" && hits.Count < 10)
                {
                    throw new InvalidOperationException($"The vector leg returned {hits.Count} rows, not 10, for '{question}'.");
                }
            }
        }

        output.WriteLine($"## Search latency: a bot of {ChunksPerBot:N0} chunks among {Bots * ChunksPerBot:N0} in the table\n");
        output.WriteLine($"Bulk load (embed + binary COPY, no vector index): {load:F0} s; HNSW build afterwards: {index:F0} s.\n");
        output.WriteLine("| search | queries | p50 | p95 | p99 |");
        output.WriteLine("|---|---|---|---|---|");
        foreach (var (mode, times) in results)
        {
            output.WriteLine($"| {mode} (top 10) | {times.Count} | {Percentiles.Of(times, 50):F1} ms | {Percentiles.Of(times, 95):F1} ms | {Percentiles.Of(times, 99):F1} ms |");
        }

        output.WriteLine("\nEvery vector-leg query returned the full 10 rows (checked).\n");
    }

    private static async Task LoadBotAsync(NpgsqlDataSource dataSource, Guid bot, bool isTarget, string[] sentences, HashingEmbeddingGenerator embedder, int seed)
    {
        var document = Guid.CreateVersion7();
        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var setup = new NpgsqlCommand(
            (isTarget ? "" : """
                INSERT INTO "Bots" ("Id", "OwnerId", "Name", "Instructions", "Temperature", "MaxAnswerTokens", "WelcomeMessage", "SuggestedQuestions",
                    "GroundedOnly", "FallbackMessage", "PublicKey", "AllowedOrigins", "CreatedAt", "UpdatedAt", "ChunkMaxTokens", "ChunkOverlapTokens", "ActiveEmbeddingModel")
                SELECT @bot, "Id", 'Other bot', '', 0, 100, '', '{}', true, 'x', 'pk_' || md5(random()::text), '{}', now(), now(), 160, 24, 'chatsphere-hash-v1'
                FROM "AspNetUsers" LIMIT 1;
                """) +
            """
            UPDATE "Bots" SET "ActiveEmbeddingModel" = 'chatsphere-hash-v1' WHERE "Id" = @bot;
            INSERT INTO "Documents" ("Id", "BotId", "FileName", "ContentType", "Size", "Sha256", "Status", "ChunkCount", "ChunksEmbedded", "Attempts", "CreatedAt", "UpdatedAt")
            VALUES (@doc, @bot, 'bulk.txt', 'text/plain', 0, repeat('0', 64), 'Ready', 10000, 10000, 0, now(), now());
            """, connection))
        {
            setup.Parameters.AddWithValue("bot", bot);
            setup.Parameters.AddWithValue("doc", document);
            await setup.ExecuteNonQueryAsync();
        }

        var random = new Random(seed);
        var texts = Enumerable.Range(0, ChunksPerBot)
            .Select(_ => string.Join(". ", Enumerable.Range(0, 3).Select(_ => sentences[random.Next(sentences.Length)])) + ".")
            .ToArray();
        var vectors = new Vector[texts.Length];
        await Parallel.ForAsync(0, (texts.Length + 255) / 256, async (batch, ct) =>
        {
            var slice = texts.Skip(batch * 256).Take(256).ToArray();
            var embeddings = await embedder.GenerateAsync(slice, cancellationToken: ct);
            for (var i = 0; i < slice.Length; i++)
            {
                vectors[(batch * 256) + i] = new Vector(embeddings[i].Vector);
            }
        });

        await using var copyConnection = await dataSource.OpenConnectionAsync();
        await using var import = await copyConnection.BeginBinaryImportAsync(
            """COPY "Chunks" ("Id", "BotId", "DocumentId", "Ordinal", "Text", "HeadingPath", "TokenCount", "Embedding", "EmbeddingModel", "EmbeddingDimensions") FROM STDIN (FORMAT BINARY)""");
        for (var i = 0; i < texts.Length; i++)
        {
            await import.StartRowAsync();
            await import.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
            await import.WriteAsync(bot, NpgsqlDbType.Uuid);
            await import.WriteAsync(document, NpgsqlDbType.Uuid);
            await import.WriteAsync(i, NpgsqlDbType.Integer);
            await import.WriteAsync(texts[i], NpgsqlDbType.Text);
            await import.WriteAsync("bulk", NpgsqlDbType.Varchar);
            await import.WriteAsync(texts[i].Length / 4, NpgsqlDbType.Integer);
            await import.WriteAsync(vectors[i]);
            await import.WriteAsync("chatsphere-hash-v1", NpgsqlDbType.Varchar);
            await import.WriteAsync(384, NpgsqlDbType.Integer);
        }

        await import.CompleteAsync();
    }

    private static async Task Exec(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }
}
