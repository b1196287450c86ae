using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.Agents.Embeddings;
using ChatSphere.Core.Languages;
using ChatSphere.Core.Data;
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
        // CHATSPHERE_BENCH_DATABASE and CHATSPHERE_BENCH_PORT let two people run it on one server at once.
        var database = Environment.GetEnvironmentVariable("CHATSPHERE_BENCH_DATABASE") ?? "chatsphere_scale";
        var port = int.Parse(Environment.GetEnvironmentVariable("CHATSPHERE_BENCH_PORT") ?? "5092");
        await using var site = await LiveSite.StartAsync(serverConnection, database, port);
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
        output.WriteLine($"## Search latency: a bot of {ChunksPerBot:N0} chunks among {Bots * ChunksPerBot:N0} in the table\n");
        output.WriteLine($"Bulk load (embed + binary COPY, no vector index): {load:F0} s; shared HNSW build afterwards: {index:F0} s.\n");
        output.WriteLine("| index | search | queries | p50 | p95 | p99 | load average |");
        output.WriteLine("|---|---|---|---|---|---|---|");
        var sharedRecall = await MeasureAsync(site, dataSource, target, questions, embedder, "shared");

        // What BotIndexJob does once a bot passes Ingestion:BotIndexChunks (ingestion queues it; the bulk load here did
        // not go through ingestion), for every bot: all 20 are past the threshold.
        watch.Restart();
        foreach (var bot in bots)
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await ChunkSql.CreateBotIndexAsync(connection, bot, 384, CancellationToken.None);
            await ChunkSql.CreateBotIndexAsync(connection, bot, null, CancellationToken.None);
        }

        await Exec(dataSource, """ANALYZE "Chunks" """);
        var own = watch.Elapsed.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(11)); // the site's ChunkCounts remembers a bot's indexes for 10 s
        var ownRecall = await MeasureAsync(site, dataSource, target, questions, embedder, "own");

        output.WriteLine($"\nEvery vector-leg query returned the full 10 rows (checked). Own indexes of the {Bots} bots (HNSW + GIN each): {own:F0} s.\n");
        output.WriteLine($"Vector leg recall@10 against the exact top 10 of the big bot (200 questions): shared index {sharedRecall:P1}, own index {ownRecall:P1}.\n");
    }

    /// <summary>Times each mode over the questions (after 50 not counted, to warm up), writes a row per mode, returns the vector leg's recall.</summary>
    private async Task<double> MeasureAsync(
        LiveSite site, NpgsqlDataSource dataSource, Guid target, List<string> questions, HashingEmbeddingGenerator embedder, string index)
    {
        foreach (var mode in new[] { "hybrid", "vector", "text" })
        {
            foreach (var question in questions.Take(50))
            {
                await site.SearchAsync(target, question, 10, mode);
            }

            var times = new List<double>();
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

            output.WriteLine($"| {index} | {mode} (top 10) | {times.Count} | {Percentiles.Of(times, 50):F1} ms | {Percentiles.Of(times, 95):F1} ms | " +
                $"{Percentiles.Of(times, 99):F1} ms | {LoadAverage()} |");
        }

        return await RecallAsync(site, dataSource, target, questions.Take(200).ToList(), embedder);
    }

    private static string LoadAverage() => string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>The share of the exact nearest 10 (distances over all the bot's rows, no index) that the API's vector leg returns.</summary>
    private static async Task<double> RecallAsync(
        LiveSite site, NpgsqlDataSource dataSource, Guid bot, List<string> questions, HashingEmbeddingGenerator embedder)
    {
        var (found, wanted) = (0, 0);
        foreach (var question in questions)
        {
            var response = await site.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/search", new { query = question, top = 10, mode = "vector" });
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            var returned = body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("chunkId").GetGuid()).ToHashSet();
            var vector = new Vector((await embedder.GenerateAsync([question]))[0].Vector);
            await using var command = dataSource.CreateCommand("""
                SELECT "Id" FROM "Chunks" WHERE "BotId" = @bot AND "EmbeddingDimensions" = 384
                ORDER BY ("Embedding"::vector(384) <=> @q::vector(384)) + 0 LIMIT 10
                """);
            command.Parameters.AddWithValue("bot", bot);
            command.Parameters.AddWithValue("q", vector);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                wanted++;
                found += returned.Contains(reader.GetGuid(0)) ? 1 : 0;
            }
        }

        return (double)found / wanted;
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
            var embeddings = await embedder.GenerateAsync(slice, LanguageOption.For("en"), ct);
            for (var i = 0; i < slice.Length; i++)
            {
                vectors[(batch * 256) + i] = new Vector(embeddings[i].Vector);
            }
        });

        await using var copyConnection = await dataSource.OpenConnectionAsync();
        await using var import = await copyConnection.BeginBinaryImportAsync(
            """COPY "Chunks" ("Id", "BotId", "DocumentId", "Ordinal", "Text", "HeadingPath", "TokenCount", "Embedding", "EmbeddingModel", "EmbeddingDimensions", "Language") FROM STDIN (FORMAT BINARY)""");
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
            // What ingestion stores for these English sentences (it detects the language): their search vectors are
            // English ones, and queries are analysed in English.
            await import.WriteAsync("en", NpgsqlDbType.Varchar);
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
