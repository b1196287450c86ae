using System.Diagnostics;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace ChatSphere.Bench.Live;

/// <summary>
/// Issue 3's benchmark through the real path: the 24 SQuAD articles uploaded to a running site with the offline
/// embedder; ingestion speed against a binary COPY of the same rows; retrieval accuracy and search latency.
/// </summary>
internal sealed class RetrievalBench(Squad squad, string serverConnection, TextWriter output)
{
    public async Task RunAsync()
    {
        // CHATSPHERE_BENCH_SETTINGS="Jobs__WorkerCount=4;Jobs__PollIntervalMs=200" tries other settings.
        var settings = (Environment.GetEnvironmentVariable("CHATSPHERE_BENCH_SETTINGS") ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries).Select(kv => kv.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
        await using var site = await LiveSite.StartAsync(serverConnection, "chatsphere_bench", 5091, settings);
        var bot = await site.CreateBotAsync("SQuAD dev");
        var files = squad.Documents.Select(d => (Name: $"{d.Title}.txt", Bytes: Encoding.UTF8.GetBytes(string.Join("\n\n", d.Blocks.Select(b => b.Text))))).ToList();

        // Warm up (JIT, connection pools, tokenizer) with one small document on another bot, so the timing below is
        // the steady state, not the first seconds of a fresh process.
        var warmUp = await site.CreateBotAsync("Warm-up");
        await site.UploadAsync(warmUp, "warm-up.txt", Encoding.UTF8.GetBytes(string.Join("\n\n", squad.Documents[0].Blocks.Take(5).Select(b => b.Text))));
        await site.WaitUntilReadyAsync(warmUp, 1);

        // Ingestion: upload to all ready. CHATSPHERE_BENCH_UPLOADS sets how many uploads run at once (a browser
        // uses up to 6 connections per site); 1 is one after another.
        var parallel = int.Parse(Environment.GetEnvironmentVariable("CHATSPHERE_BENCH_UPLOADS") ?? "1");
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = parallel },
            async (file, _) => await site.UploadAsync(bot, file.Name, file.Bytes));

        var uploaded = watch.Elapsed.TotalSeconds;
        await site.WaitUntilReadyAsync(bot, files.Count);
        var ingest = watch.Elapsed.TotalSeconds;
        var (chunks, words) = await ChunkStatsAsync(site.ConnectionString, bot);
        var megabytes = files.Sum(f => f.Bytes.Length) / (1024.0 * 1024);
        var floor = await CopyFloorAsync(site.ConnectionString, bot);

        output.WriteLine("## Ingestion (24 SQuAD articles, offline embedder)\n");
        output.WriteLine("| chunks | MB | upload to all ready | chunks/s | MB/s | binary COPY of the same rows | ratio |");
        output.WriteLine("|---|---|---|---|---|---|---|");
        output.WriteLine($"| {chunks} | {megabytes:F2} | {ingest:F1} s | {chunks / ingest:F0} | {megabytes / ingest:F2} | {floor:F1} s | {ingest / floor:F2}x |\n");
        output.WriteLine($"The 24 uploads themselves ({parallel} at a time, each answered 202) took {uploaded:F2} s of that.\n");

        // Retrieval quality through POST /search, and its latency.
        var budgetK = (int)Math.Round(500 / words);
        var depth = Math.Max(10, budgetK);
        var hits = new int[depth + 1];
        var latencies = new List<double>();
        foreach (var question in squad.Questions)
        {
            var started = Stopwatch.GetTimestamp();
            var results = await site.SearchAsync(bot, question.Text, depth);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var rank = results.FindIndex(r => Squad.Contains($" {Squad.Normalise(r.Text)} ", question.Answers));
            if (rank >= 0)
            {
                hits[rank + 1]++;
            }
        }

        double At(int k) => 100.0 * hits.Take(k + 1).Sum() / squad.Questions.Count;
        output.WriteLine("## Retrieval accuracy (hybrid search, as the bot retrieves)\n");
        output.WriteLine("| chunks | mean words | top-1 | top-3 | top-5 | top-10 | k for ~500 words | top-k ~500 words |");
        output.WriteLine("|---|---|---|---|---|---|---|---|");
        output.WriteLine($"| {chunks} | {words:F0} | {At(1):F1} | {At(3):F1} | {At(5):F1} | {At(10):F1} | {budgetK} | **{At(budgetK):F1}** |\n");

        var vector = new List<double>();
        foreach (var question in squad.Questions.Take(1000))
        {
            var started = Stopwatch.GetTimestamp();
            await site.SearchAsync(bot, question.Text, depth, "vector");
            vector.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        output.WriteLine($"## Search latency on the SQuAD bot ({chunks} chunks), through the API\n");
        output.WriteLine($"- hybrid (top {depth}, {latencies.Count} queries): {Percentiles.Summary(latencies)}");
        output.WriteLine($"- vector leg alone ({vector.Count} queries): {Percentiles.Summary(vector)}\n");
    }

    private static async Task<(long Chunks, double MeanWords)> ChunkStatsAsync(string connectionString, Guid bot)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """SELECT count(*), avg(array_length(regexp_split_to_array(trim("Text"), '\s+'), 1)) FROM "Chunks" WHERE "BotId" = @bot""", connection);
        command.Parameters.AddWithValue("bot", bot);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), (double)reader.GetDecimal(1));
    }

    /// <summary>Seconds to load the same rows (text, generated tsvector, embedding) with one binary COPY into the same table.</summary>
    private static async Task<double> CopyFloorAsync(string connectionString, Guid bot)
    {
        var dataSourceBuilder = new NpgsqlDataSourceBuilder(connectionString);
        dataSourceBuilder.UseVector();
        await using var dataSource = dataSourceBuilder.Build();
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = new List<(string Text, string Heading, Vector Embedding, string Model, int Dims, int Tokens)>();
        await using (var read = new NpgsqlCommand(
            """SELECT "Text", "HeadingPath", "Embedding", "EmbeddingModel", "EmbeddingDimensions", "TokenCount" FROM "Chunks" WHERE "BotId" = @bot""", connection))
        {
            read.Parameters.AddWithValue("bot", bot);
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetFieldValue<Vector>(2), reader.GetString(3), reader.GetInt32(4), reader.GetInt32(5)));
            }
        }

        // A copy bot and one document to hang the rows on (foreign keys), outside the timing.
        var (floorBot, floorDoc) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await using (var setup = new NpgsqlCommand(
            """
            INSERT INTO "Bots" ("Id", "OwnerId", "Name", "Instructions", "Temperature", "MaxAnswerTokens", "WelcomeMessage", "SuggestedQuestions",
                "GroundedOnly", "FallbackMessage", "PublicKey", "AllowedOrigins", "CreatedAt", "UpdatedAt", "ChunkMaxTokens", "ChunkOverlapTokens")
            SELECT @floorBot, "OwnerId", 'COPY floor', '', 0, 100, '', '{}', true, 'x', 'pk_floor_' || md5(random()::text), '{}', now(), now(), 160, 24
            FROM "Bots" WHERE "Id" = @bot;
            INSERT INTO "Documents" ("Id", "BotId", "FileName", "ContentType", "Size", "Sha256", "Status", "ChunkCount", "ChunksEmbedded", "Attempts", "CreatedAt", "UpdatedAt")
            VALUES (@floorDoc, @floorBot, 'floor.txt', 'text/plain', 0, repeat('0', 64), 'Ready', 0, 0, 0, now(), now());
            """, connection))
        {
            setup.Parameters.AddWithValue("floorBot", floorBot);
            setup.Parameters.AddWithValue("floorDoc", floorDoc);
            setup.Parameters.AddWithValue("bot", bot);
            await setup.ExecuteNonQueryAsync();
        }

        var watch = Stopwatch.StartNew();
        await using (var import = await connection.BeginBinaryImportAsync(
            """COPY "Chunks" ("Id", "BotId", "DocumentId", "Ordinal", "Text", "HeadingPath", "TokenCount", "Embedding", "EmbeddingModel", "EmbeddingDimensions") FROM STDIN (FORMAT BINARY)"""))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                await import.StartRowAsync();
                await import.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await import.WriteAsync(floorBot, NpgsqlDbType.Uuid);
                await import.WriteAsync(floorDoc, NpgsqlDbType.Uuid);
                await import.WriteAsync(i, NpgsqlDbType.Integer);
                await import.WriteAsync(row.Text, NpgsqlDbType.Text);
                await import.WriteAsync(row.Heading, NpgsqlDbType.Varchar);
                await import.WriteAsync(row.Tokens, NpgsqlDbType.Integer);
                await import.WriteAsync(row.Embedding);
                await import.WriteAsync(row.Model, NpgsqlDbType.Varchar);
                await import.WriteAsync(row.Dims, NpgsqlDbType.Integer);
            }

            await import.CompleteAsync();
        }

        var seconds = watch.Elapsed.TotalSeconds;
        await using var cleanup = new NpgsqlCommand("""DELETE FROM "Bots" WHERE "Id" = @floorBot""", connection);
        cleanup.Parameters.AddWithValue("floorBot", floorBot);
        await cleanup.ExecuteNonQueryAsync();
        return seconds;
    }
}
