using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatSphere.Testing.FakeOpenAi;
using Npgsql;

namespace ChatSphere.Bench.Live;

/// <summary>
/// Issue 5's benchmark: concurrent widget conversations, each a fresh visitor session and one streamed chat, against a
/// fake model that answers like a real one (first token after 300 ms, then 200 tokens 20 ms apart). For each level the
/// chats start together; it reports how many streams were held at once, errors, and the latency ChatSphere adds.
/// </summary>
/// <remarks>
/// Added latency is what the visitor saw minus what the fake model actually took, both on this process's Stopwatch:
/// first token = (first <c>delta</c> − request sent) − (fake's first token flushed − fake's request read); end to end =
/// (<c>done</c> − request sent) − (fake's last token − fake's request read). The fake's own lateness under load is thus
/// not charged to ChatSphere; the nominal figure (time to first token − 300 ms) is reported beside it.
/// </remarks>
internal sealed partial class WidgetBench(
    string serverConnection, TextWriter output, IReadOnlyList<int> levels, IReadOnlyList<int> warmUp, double spreadSeconds, int tokens)
{
    private const string Origin = "https://shop.example";
    private static readonly TimeSpan FirstToken = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan PerToken = TimeSpan.FromMilliseconds(20);

    private int Tokens => tokens;

    private const string Policy = """
        # Returns and refunds

        You can return any item within 30 days of delivery for a full refund. Items must be unused and in their original
        packaging. Start a return from your order page; we email a prepaid label within one business day.

        ## Refund timing

        Refunds go back to the original payment method within 5 business days of the return reaching our warehouse.
        Gift cards are refunded as store credit.

        ## Exchanges

        To exchange an item for another size or colour, return it and place a new order; exchanges ship free of charge.
        """;

    public async Task RunAsync()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        model.Chat.Responder = request => FakeReply.Paced(Tokens, FirstToken, PerToken, TagPattern().Match(request.LastUserMessage ?? "").Groups[1].Value);
        await using var site = await LiveSite.StartAsync(serverConnection, "chatsphere_bench_widget", 5095, new Dictionary<string, string>
        {
            ["Models__BaseUrl"] = model.BaseUrl.ToString(),
            ["Models__ApiKey"] = model.ApiKey,
            ["Models__ChatModel"] = FakeOpenAiServer.ChatModel,
            ["Models__EmbeddingModel"] = "chatsphere-hash-v1",
            // One load generator is one IP and one bot: the per-IP and per-bot limits would stop it (that is them working).
            ["Widget__PerIpPerMinute"] = "1000000",
            ["Widget__PerBotPerMinute"] = "1000000",
        });
        var botKey = await CreateBotAsync(site);

        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            UseCookies = false,
            UseProxy = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        })
        { BaseAddress = site.Http.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

        output.WriteLine($"Fake model: first token {FirstToken.TotalMilliseconds} ms, {Tokens} tokens {PerToken.TotalMilliseconds} ms apart " +
            $"(nominal {(FirstToken + PerToken * (Tokens - 1)).TotalMilliseconds} ms). Starts spread over {spreadSeconds} s. {Environment.ProcessorCount} cores; load: {File.ReadAllText("/proc/loadavg").Trim()}\n");
        // Warm-up, not reported: the first hundreds of turns are dominated by the JIT's tiering (a cold 100 took 3.3 s to the
        // first token, a warm one 1.0 s), which a long-running site has long finished.
        foreach (var n in warmUp)
        {
            await RunLevelAsync(site, model, http, botKey, n, report: false);
        }

        var idle = int.Parse(Environment.GetEnvironmentVariable("CHATSPHERE_BENCH_IDLE_SECONDS") ?? "5");
        output.WriteLine($"Site idle for {idle} s after the warm-up...");
        var idleFrom = ProcStats.CpuSeconds(site.ProcessId);
        await Task.Delay(TimeSpan.FromSeconds(idle));
        output.WriteLine($"Site idle: {(ProcStats.CpuSeconds(site.ProcessId) - idleFrom) / idle:P0} of one core; load now {File.ReadAllText("/proc/loadavg").Trim()}\n");

        output.WriteLine("| streams | held at once | errors | TTFT p50 / p95 / p99 | added first token p50 / p95 / p99 | of which to the model p50 / p99 | first token relay p50 / p99 | TTFT − 300 ms p99 | added end to end p50 / p99 | after last token p50 / p99 | gap p50 / p99 / max | wall | site CPU | PG CPU | bench CPU | machine busy | site RSS / threads | PG conns (at peak) |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        var runs = new List<(int Streams, LevelResult Result)>();
        foreach (var level in levels)
        {
            runs.Add((level, await RunLevelAsync(site, model, http, botKey, level, report: true)));
            await Task.Delay(3000);
        }

        // A level's p99 rests on its 5 slowest of 500 streams, so one GC pause at the wrong moment moves it; a level run
        // several times is also summarised over all its streams together.
        foreach (var repeated in runs.GroupBy(r => r.Streams).Where(g => g.Count() > 1))
        {
            var first = repeated.SelectMany(r => r.Result.AddedFirst).ToList();
            var end = repeated.SelectMany(r => r.Result.AddedEnd).ToList();
            var p99s = repeated.Select(r => Percentiles.Of(r.Result.AddedFirst, 99)).Order().ToList();
            output.WriteLine($"\n{repeated.Key} streams, {repeated.Count()} runs, {first.Count} complete streams together, {repeated.Sum(r => r.Result.Errors)} errors: " +
                $"added first token p50 / p95 / p99 **{Percentiles.Of(first, 50):F0} / {Percentiles.Of(first, 95):F0} / {Percentiles.Of(first, 99):F0} ms**, " +
                $"added end to end p50 / p99 {Percentiles.Of(end, 50):F0} / {Percentiles.Of(end, 99):F0} ms; the runs' own p99: " +
                $"{string.Join(", ", p99s.Select(p => p.ToString("F0")))} ms ({p99s.Count(p => p < 100)} of {p99s.Count} under 100 ms).");
        }
    }

    private sealed record LevelResult(List<double> AddedFirst, List<double> AddedEnd, int Errors);

    private async Task<LevelResult> RunLevelAsync(LiveSite site, FakeOpenAiServer model, HttpClient http, string botKey, int n, bool report)
    {
        // Each conversation is a fresh visitor with a session of its own, minted before the chats start.
        var sessions = new string[n];
        await Parallel.ForAsync(0, n, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) => sessions[i] = await SessionAsync(http, botKey));
        var messagesBefore = await CountMessagesAsync(site);

        model.ResetPeakChatResponses();
        var database = new NpgsqlConnectionStringBuilder(site.ConnectionString).Database!;
        var (siteCpu, benchCpu, machine, pg) = (ProcStats.CpuSeconds(site.ProcessId), Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, ProcStats.MachineSeconds(), ProcStats.Backends(database));
        using var sampling = new CancellationTokenSource();
        var sampler = SampleAsync(site, sampling.Token);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var streams = Enumerable.Range(0, n).Select(async i =>
        {
            await gate.Task;
            if (spreadSeconds > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(spreadSeconds * i / n));
            }

            var tag = $"q{n}x{i}";
            return await WidgetStream.RunAsync(http, Origin, sessions[i], tag, $"How long do I have to return an item? #{tag}");
        }).ToList();
        var (started, startedUtc) = (Stopwatch.GetTimestamp(), DateTime.UtcNow);
        gate.SetResult();
        var results = await Task.WhenAll(streams);
        var wall = Stopwatch.GetElapsedTime(started);
        var (siteCpu2, benchCpu2, machine2, pg2) = (ProcStats.CpuSeconds(site.ProcessId), Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, ProcStats.MachineSeconds(), ProcStats.Backends(database));
        await sampling.CancelAsync();
        var (rss, threads, connections, states) = await sampler;
        if (!report)
        {
            return new([], [], 0);
        }

        var fake = model.PacedStreams.Where(s => s.Tag is not null).GroupBy(s => s.Tag!).ToDictionary(g => g.Key, g => g.Last());
        var ok = results.Where(r => r.Error is null && r.Deltas == Tokens && fake.ContainsKey(r.Tag)).ToList();
        var errors = results.Where(r => r.Error is not null || r.Deltas != Tokens).ToList();
        double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
        var ttft = ok.Select(r => Ms(r.SentAt, r.FirstDeltaAt)).ToList();
        var addedFirst = ok.Select(r => Ms(r.SentAt, r.FirstDeltaAt) - fake[r.Tag].FirstToken.TotalMilliseconds).ToList();
        var toModel = ok.Select(r => Ms(r.SentAt, fake[r.Tag].ReceivedAt)).ToList();
        var relayFirst = ok.Select(r => Ms(fake[r.Tag].FirstTokenAt, r.FirstDeltaAt)).ToList();
        var addedEnd = ok.Select(r => Ms(r.SentAt, r.DoneAt) - fake[r.Tag].LastToken.TotalMilliseconds).ToList();
        var afterLast = ok.Select(r => Ms(fake[r.Tag].LastTokenAt, r.DoneAt)).ToList();
        var gaps = ok.SelectMany(r => r.Gaps).Select(g => (double)g).ToList();
        var stored = await CountMessagesAsync(site) - messagesBefore;

        var machineBusy = (machine2.Busy - machine.Busy) / (machine2.Total - machine.Total);
        string P3(List<double> v) => $"{Percentiles.Of(v, 50):F0} / {Percentiles.Of(v, 95):F0} / {Percentiles.Of(v, 99):F0} ms";
        string P2(List<double> v) => $"{Percentiles.Of(v, 50):F0} / {Percentiles.Of(v, 99):F0} ms";
        output.WriteLine($"| {n} | {model.PeakChatResponses} | {errors.Count} | {P3(ttft)} | **{P3(addedFirst)}** | {P2(toModel)} | {P2(relayFirst)} | {Percentiles.Of(ttft, 99) - FirstToken.TotalMilliseconds:F0} ms | " +
            $"{P2(addedEnd)} | {P2(afterLast)} | {Percentiles.Of(gaps, 50):F0} / {Percentiles.Of(gaps, 99):F0} / {(gaps.Count == 0 ? 0 : gaps.Max()):F0} ms | " +
            $"{wall.TotalSeconds:F1} s | {siteCpu2 - siteCpu:F1} s ({100 * (siteCpu2 - siteCpu) / wall.TotalSeconds / Environment.ProcessorCount:F0}%) | " +
            $"{ProcStats.Between(pg, pg2):F1} s | {benchCpu2 - benchCpu:F1} s | {100 * machineBusy:F0}% | {rss:F0} MB / {threads} | {connections} ({states}) |");
        // CHATSPHERE_BENCH_SLOWEST=k: the k slowest first tokens with when they were sent (UTC, to line up with a trace).
        if (int.TryParse(Environment.GetEnvironmentVariable("CHATSPHERE_BENCH_SLOWEST"), out var slowest))
        {
            foreach (var (r, added) in ok.Zip(addedFirst).OrderByDescending(p => p.Second).Take(slowest))
            {
                var sent = startedUtc + Stopwatch.GetElapsedTime(started, r.SentAt);
                output.WriteLine($"|   slow: sent {sent:HH:mm:ss.fff} added {added:F0} ms: to the model {Ms(r.SentAt, fake[r.Tag].ReceivedAt):F0} ms, relay {Ms(fake[r.Tag].FirstTokenAt, r.FirstDeltaAt):F0} ms |");
            }
        }

        if (errors.Count > 0 || stored != 2 * ok.Count)
        {
            var kinds = string.Join("; ", errors.GroupBy(e => e.Error ?? $"{e.Deltas} deltas").OrderByDescending(g => g.Count()).Take(4).Select(g => $"{g.Count()} x {Trim(g.Key)}"));
            output.WriteLine($"|   | {kinds}; messages stored {stored} for {ok.Count} complete streams |");
        }

        return new(addedFirst, addedEnd, errors.Count);
    }

    private static string Trim(string text) => text.Length <= 120 ? text : text[..120] + "...";

    private static async Task<string> SessionAsync(HttpClient http, string botKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/widget/sessions") { Content = JsonContent.Create(new { botKey }) };
        request.Headers.Add("Origin", Origin);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>
    /// Peak RSS and threads of the site, and peak connections to its database with what they were doing then (e.g.
    /// "idle 80, active 20": held by the site's pool but not in a query), sampled every 100 ms.
    /// </summary>
    private static async Task<(double Rss, int Threads, int Connections, string States)> SampleAsync(LiveSite site, CancellationToken stop)
    {
        await using var connection = new NpgsqlConnection(site.ConnectionString);
        await connection.OpenAsync(CancellationToken.None);
        await using var count = new NpgsqlCommand(
            "SELECT coalesce(state, 'other') || ' ' || count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() GROUP BY state ORDER BY 1",
            connection);
        var (rss, threads, connections, states) = (0.0, 0, 0, "");
        while (!stop.IsCancellationRequested)
        {
            var memory = ProcStats.Memory(site.ProcessId);
            (rss, threads) = (Math.Max(rss, memory.RssMb), Math.Max(threads, memory.Threads));
            var now = new List<string>();
            await using (var reader = await count.ExecuteReaderAsync(CancellationToken.None))
            {
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    now.Add(reader.IsDBNull(0) ? "other" : reader.GetString(0));
                }
            }

            var total = now.Sum(s => int.Parse(s[(s.LastIndexOf(' ') + 1)..]));
            (connections, states) = total > connections ? (total, string.Join(", ", now)) : (connections, states);
            try
            {
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return (rss, threads, connections, states);
    }

    private static async Task<long> CountMessagesAsync(LiveSite site)
    {
        await using var connection = new NpgsqlConnection(site.ConnectionString);
        await connection.OpenAsync();
        return (long)(await new NpgsqlCommand("SELECT count(*) FROM \"Messages\"", connection).ExecuteScalarAsync())!;
    }

    /// <summary>An owner's bot open to one site, with a small document so retrieval runs for real, and a budget that lasts the run.</summary>
    private static async Task<string> CreateBotAsync(LiveSite site)
    {
        var response = await site.Http.PostAsJsonAsync("/api/v1/bots", new
        {
            name = "Shop helper",
            allowedOrigins = new[] { Origin },
            dailyTokenBudget = 100_000_000,
        });
        response.EnsureSuccessStatusCode();
        var bot = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = bot.GetProperty("id").GetGuid();
        await site.UploadAsync(id, "returns.md", Encoding.UTF8.GetBytes(Policy));
        await site.WaitUntilReadyAsync(id, 1);
        return bot.GetProperty("publicKey").GetString()!;
    }

    [GeneratedRegex(@"#(q\d+x\d+)")]
    private static partial Regex TagPattern();
}
