using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace ChatSphere.Bench.Live;

/// <summary>
/// Issue 11's "Measured": the site's peak RSS (and its extraction worker's) while a hostile HTML page is ingested (a
/// heading of about 3 million characters over 5,000 paragraphs), against its idle RSS; and the time to refuse a 200 MB
/// body on the anonymous routes, sent by a client that streams the body regardless (no Expect: 100-continue).
/// </summary>
internal sealed class InputsBench(string serverConnection, TextWriter output)
{
    private const long DeclaredBody = 200L * 1024 * 1024;

    public async Task RunAsync()
    {
        // Default settings: the upload limit (20 MB) is what sized the site's global body limit before issue 11.
        await using var site = await LiveSite.StartAsync(serverConnection, "chatsphere_bench_inputs", 5093);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var idle = ProcStats.Memory(site.ProcessId).RssMb;
        output.WriteLine($"Load average at start: {LoadAverage()}; site idle RSS {idle:F0} MB");

        await IngestHostilePageAsync(site, idle);
        foreach (var path in new[] { "/api/v1/auth/token", "/api/v1/widget/sessions", "/api/v1/widget/chat" })
        {
            await RefuseAsync(site, path);
        }
    }

    private async Task IngestHostilePageAsync(LiveSite site, double idle)
    {
        var bot = await site.CreateBotAsync("Hostile");
        var heading = string.Join(' ', Enumerable.Range(0, 300_000).Select(i => $"w{i * 7919 % 1_000_003}"));
        var html = $"<html><body><h1>{heading}</h1>{string.Concat(Enumerable.Range(0, 5000).Select(i => $"<p>Paragraph number {i} of the page.</p>"))}</body></html>";
        var (peakSite, peakWorker) = (idle, 0.0);
        var watch = Stopwatch.StartNew();
        await site.UploadAsync(bot, "hostile.html", Encoding.UTF8.GetBytes(html));
        string? state = null;
        while (watch.Elapsed < TimeSpan.FromMinutes(5))
        {
            peakSite = Math.Max(peakSite, ProcStats.Memory(site.ProcessId).RssMb);
            peakWorker = Math.Max(peakWorker, Children(site.ProcessId).Sum(RssMb));
            if (watch.ElapsedMilliseconds % 500 < 25)
            {
                var list = await site.Http.GetFromJsonAsync<JsonElement>($"/api/v1/bots/{bot}/documents");
                var document = list.EnumerateArray().Single();
                state = $"{document.GetProperty("status").GetString()} {(document.TryGetProperty("error", out var e) ? e.ToString() : "")}".Trim();
                if (state.StartsWith("ready", StringComparison.Ordinal) || state.StartsWith("failed", StringComparison.Ordinal))
                {
                    break;
                }
            }

            await Task.Delay(20);
        }

        output.WriteLine(
            $"Hostile HTML ({html.Length / 1e6:F1} M characters): {state} after {watch.Elapsed.TotalSeconds:F1} s; site peak RSS {peakSite:F0} MB " +
            $"({peakSite - idle:F0} MB over idle), extraction worker peak RSS {peakWorker:F0} MB; load average {LoadAverage()}");
    }

    /// <summary>Declares a 200 MB JSON body and streams it until the answer comes; 20 times, then the time to the status line.</summary>
    private async Task RefuseAsync(LiveSite site, string path)
    {
        var times = new List<double>();
        var sent = new List<long>();
        string? status = null;
        for (var i = 0; i < 20; i++)
        {
            using var socket = new TcpClient();
            await socket.ConnectAsync("127.0.0.1", site.Http.BaseAddress!.Port);
            var stream = socket.GetStream();
            var head = $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nOrigin: https://shop.example\r\nContent-Length: {DeclaredBody}\r\n\r\n";
            var started = Stopwatch.GetTimestamp();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            using var stop = new CancellationTokenSource();
            long written = 0;
            var body = Task.Run(async () =>
            {
                // A JSON string that never ends: a site that reads the body reads all of it before it can object.
                var chunk = new byte[64 * 1024];
                Array.Fill(chunk, (byte)'a');
                "{\"botKey\": \""u8.CopyTo(chunk);
                try
                {
                    while (!stop.IsCancellationRequested && written < DeclaredBody)
                    {
                        await stream.WriteAsync(chunk, stop.Token);
                        written += chunk.Length;
                        Array.Fill(chunk, (byte)'a', 0, 16);
                    }
                }
                catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
                {
                    // The server answered and closed the connection: the rest of the body is never sent.
                }
            });
            var reader = new StreamReader(stream, Encoding.ASCII);
            status = await reader.ReadLineAsync();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            sent.Add(Interlocked.Read(ref written));
            await stop.CancelAsync();
            socket.Close();
            await body;
        }

        times.Sort();
        output.WriteLine(
            $"{path}, 200 MB declared: \"{status}\"; time to the status line p50 {Percentiles.Of(times, 50):F1} ms, max {times[^1]:F1} ms " +
            $"(20 runs); body bytes the client had written by then: median {sent.Order().ElementAt(sent.Count / 2) / 1024} KB; load average {LoadAverage()}");
    }

    // A worker may exit between being listed and being read.
    private static double RssMb(int pid)
    {
        try
        {
            return ProcStats.Memory(pid).RssMb;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    // Children are listed under the thread that started them (a thread-pool thread for the extraction worker).
    private static IEnumerable<int> Children(int pid)
    {
        var children = new HashSet<int>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                children.UnionWith(File.ReadAllText($"{task}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse));
            }
            catch (IOException)
            {
                // The thread ended while we looked.
            }
        }

        return children;
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
