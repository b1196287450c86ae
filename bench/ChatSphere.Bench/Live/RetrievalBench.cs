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
        // CHATSPHERE_BENCH_DATABASE and CHATSPHERE_BENCH_PORT let two people run it on one server at once.
        var database = Environment.GetEnvironmentVariable("CHATSPHERE_BENCH_DATABASE") ?? "chatsphere_bench";
        var port = int.Parse(Environment.GetEnvironmentVariable("CHATSPHERE_BENCH_PORT") ?? "5091");
        // CHATSPHERE_BENCH_EMBEDDING_MODEL: the bots' embedding model (e.g. snowflake-arctic-embed-xs), else the default.
        var model = Environment.GetEnvironmentVariable("CHATSPHERE_BENCH_EMBEDDING_MODEL");
        await using var site = await LiveSite.StartAsync(serverConnection, database, port, settings);
        var bot = await site.CreateBotAsync("SQuAD dev", model);
        var files = squad.Documents.Select(d => (Name: $"{d.Title}.txt", Bytes: Encoding.UTF8.GetBytes(string.Join("\n\n", d.Blocks.Select(b => b.Text))))).ToList();

        // Warm up (JIT, connection pools, tokenizer) with one small document on another bot, so the timing below is
        // the steady state, not the first seconds of a fresh process.
        var warmUp = await site.CreateBotAsync("Warm-up", model);
        await site.UploadAsync(warmUp, "warm-up.txt", Encoding.UTF8.GetBytes(string.Join("\n\n", squad.Documents[0].Blocks.Take(5).Select(b => b.Text))));
        await site.WaitUntilReadyAsync(warmUp, 1);

        // Ingestion: upload to all ready. CHATSPHERE_BENCH_UPLOADS sets how many uploads run at once (a browser
        // uses up to 6 connections per site); 1 is one after another.
        var parallel = int.Parse(Environment.GetEnvironmentVariable("CHATSPHERE_BENCH_UPLOADS") ?? "1");
        var cpu = await CpuAsync(site);
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = parallel },
            async (file, _) => await site.UploadAsync(bot, file.Name, file.Bytes));

        var uploaded = watch.Elapsed.TotalSeconds;
        await site.WaitUntilReadyAsync(bot, files.Count);
        var ingest = watch.Elapsed.TotalSeconds;
        var (siteCpu, databaseCpu) = await CpuAsync(site);
        var (chunks, words) = await ChunkStatsAsync(site.ConnectionString, bot);
        var megabytes = files.Sum(f => f.Bytes.Length) / (1024.0 * 1024);
        if (Environment.GetEnvironmentVariable("CHATSPHERE_BENCH_INGEST_ONLY") != "1")
        {
            await SearchAsync(site, bot, chunks, words);
        }

        // The floor comes last: it deletes the bot's chunks and copies them back, and the search above ran on the
        // rows as ingestion wrote them.
        var (floor, besideCopies) = await CopyFloorAsync(site.ConnectionString, bot);
        output.WriteLine($"## Ingestion (24 SQuAD articles, {model ?? "the default offline embedder"})\n");
        output.WriteLine("| chunks | MB | upload to all ready | chunks/s | MB/s | binary COPY of the same rows | ratio | COPY beside its own copies | ratio |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|");
        output.WriteLine(
            $"| {chunks} | {megabytes:F2} | {ingest:F2} s | {chunks / ingest:F0} | {megabytes / ingest:F2} | {floor:F2} s | {ingest / floor:F2}x | {besideCopies:F2} s | {ingest / besideCopies:F2}x |\n");
        output.WriteLine($"The 24 uploads themselves ({parallel} at a time, each answered 202) took {uploaded:F2} s of that.");
        output.WriteLine($"CPU from first upload to all ready: site {siteCpu - cpu.Site:F2} s, PostgreSQL sessions of the site {databaseCpu - cpu.Database:F2} s.\n");
    }

    /// <summary>Retrieval quality through POST /search, and its latency.</summary>
    private async Task SearchAsync(LiveSite site, Guid bot, long chunks, double words)
    {
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

    /// <summary>CPU seconds used so far by the site process and by the PostgreSQL backends serving its database (Linux).</summary>
    private static async Task<(double Site, double Database)> CpuAsync(LiveSite site)
    {
        await using var connection = new NpgsqlConnection(site.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", connection);
        var database = 0.0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            database += ProcessCpuSeconds(reader.GetInt32(0));
        }

        return (site.CpuSeconds, database);
    }

    private static double ProcessCpuSeconds(int pid)
    {
        try
        {
            // Fields 14 and 15 of /proc/PID/stat (after the parenthesised name): user and system time in clock ticks.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
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

    /// <summary>
    /// Seconds to load the same rows (text, generated tsvector, embedding) with one binary COPY into the same table in
    /// the state ingestion found it: the bot's chunks are deleted and vacuumed away first, then copied back as they were
    /// (same ids), so the search below runs on the same rows. Also, as a second figure, the floor as first measured:
    /// the same rows copied again into a second bot while the first copies are still in the table.
    /// </summary>
    private static async Task<(double Floor, double BesideCopies)> CopyFloorAsync(string connectionString, Guid bot)
    {
        var dataSourceBuilder = new NpgsqlDataSourceBuilder(connectionString);
        dataSourceBuilder.UseVector();
        await using var dataSource = dataSourceBuilder.Build();
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = new List<FloorRow>();
        await using (var read = new NpgsqlCommand(
            """
            SELECT "Id", "DocumentId", "Ordinal", "Text", "HeadingPath", "Page", "TokenCount", "Embedding", "EmbeddingModel", "EmbeddingDimensions"
            FROM "Chunks" WHERE "BotId" = @bot
            """, connection))
        {
            read.Parameters.AddWithValue("bot", bot);
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(new FloorRow(reader.GetGuid(0), reader.GetGuid(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetInt32(5), reader.GetInt32(6), reader.GetFieldValue<Vector>(7), reader.GetString(8), reader.GetInt32(9)));
            }
        }

        // Each vector inserted next to an identical one costs pgvector's HNSW insert well under half of a new one, so
        // the honest floor starts from the table without these rows, as ingestion did.
        await ExecuteAsync(connection, """DELETE FROM "Chunks" WHERE "BotId" = @bot""", ("bot", bot));
        await ExecuteAsync(connection, """VACUUM "Chunks" """);
        var floor = await TimedCopyAsync(connection, rows, row => (row.Id, bot, row.DocumentId, row.Ordinal));

        // The floor as first measured, for comparison with earlier results: a second copy beside the first.
        var (floorBot, floorDoc) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await ExecuteAsync(connection,
            """
            INSERT INTO "Bots" ("Id", "OwnerId", "Name", "Instructions", "Temperature", "MaxAnswerTokens", "WelcomeMessage", "SuggestedQuestions",
                "GroundedOnly", "FallbackMessage", "PublicKey", "AllowedOrigins", "CreatedAt", "UpdatedAt", "ChunkMaxTokens", "ChunkOverlapTokens")
            SELECT @floorBot, "OwnerId", 'COPY floor', '', 0, 100, '', '{}', true, 'x', 'pk_floor_' || md5(random()::text), '{}', now(), now(), 160, 24
            FROM "Bots" WHERE "Id" = @bot;
            INSERT INTO "Documents" ("Id", "BotId", "FileName", "ContentType", "Size", "Sha256", "Status", "ChunkCount", "ChunksEmbedded", "Attempts", "CreatedAt", "UpdatedAt")
            VALUES (@floorDoc, @floorBot, 'floor.txt', 'text/plain', 0, repeat('0', 64), 'Ready', 0, 0, 0, now(), now());
            """, ("floorBot", floorBot), ("floorDoc", floorDoc), ("bot", bot));
        var ordinal = 0;
        var besideCopies = await TimedCopyAsync(connection, rows, _ => (Guid.CreateVersion7(), floorBot, floorDoc, ordinal++));
        await ExecuteAsync(connection, """DELETE FROM "Bots" WHERE "Id" = @floorBot""", ("floorBot", floorBot));
        await ExecuteAsync(connection, """VACUUM "Chunks" """);
        return (floor, besideCopies);
    }

    private static async Task<double> TimedCopyAsync(
        NpgsqlConnection connection, List<FloorRow> rows, Func<FloorRow, (Guid Id, Guid Bot, Guid Document, int Ordinal)> keys)
    {
        var watch = Stopwatch.StartNew();
        await using var import = await connection.BeginBinaryImportAsync(
            """
            COPY "Chunks" ("Id", "BotId", "DocumentId", "Ordinal", "Text", "HeadingPath", "Page", "TokenCount", "Embedding", "EmbeddingModel",
                           "EmbeddingDimensions") FROM STDIN (FORMAT BINARY)
            """);
        foreach (var row in rows)
        {
            var (id, bot, document, ordinal) = keys(row);
            await import.StartRowAsync();
            await import.WriteAsync(id, NpgsqlDbType.Uuid);
            await import.WriteAsync(bot, NpgsqlDbType.Uuid);
            await import.WriteAsync(document, NpgsqlDbType.Uuid);
            await import.WriteAsync(ordinal, NpgsqlDbType.Integer);
            await import.WriteAsync(row.Text, NpgsqlDbType.Text);
            await import.WriteAsync(row.Heading, NpgsqlDbType.Varchar);
            if (row.Page is { } page)
            {
                await import.WriteAsync(page, NpgsqlDbType.Integer);
            }
            else
            {
                await import.WriteNullAsync();
            }

            await import.WriteAsync(row.Tokens, NpgsqlDbType.Integer);
            await import.WriteAsync(row.Embedding);
            await import.WriteAsync(row.Model, NpgsqlDbType.Varchar);
            await import.WriteAsync(row.Dimensions, NpgsqlDbType.Integer);
        }

        await import.CompleteAsync();
        return watch.Elapsed.TotalSeconds;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private sealed record FloorRow(
        Guid Id, Guid DocumentId, int Ordinal, string Text, string Heading, int? Page, int Tokens, Vector Embedding, string Model, int Dimensions);
}
