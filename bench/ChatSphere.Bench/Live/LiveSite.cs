using System.Diagnostics;

namespace ChatSphere.Bench.Live;

/// <summary>
/// The real site as a separate process (Release build) on a fresh benchmark database, and an API client for it.
/// </summary>
internal sealed class LiveSite : BenchSite
{
    private readonly Process _process;

    private LiveSite(Process process, string connectionString, HttpClient http)
        : base(connectionString, http)
    {
        _process = process;
    }

    public double CpuSeconds
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime.TotalSeconds;
        }
    }

    /// <summary>The site's process id, for its CPU and memory in /proc.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Creates database <paramref name="database"/> afresh on the server of <paramref name="serverConnection"/> and starts the site on it.</summary>
    public static async Task<LiveSite> StartAsync(string serverConnection, string database, int port, IDictionary<string, string>? settings = null)
    {
        var connectionString = await CreateDatabaseAsync(serverConnection, database);
        var root = RepoRoot();
        // CHATSPHERE_BENCH_SITE: another build of the site, to compare two versions on the same machine and load.
        var dll = Environment.GetEnvironmentVariable("CHATSPHERE_BENCH_SITE")
            ?? Path.Combine(root, "ChatSphere.Web", "bin", "Release", "net10.0", "ChatSphere.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"Build the site first: dotnet build -c Release ChatSphere.Web ({dll} is missing).");
        }

        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.Combine(root, "ChatSphere.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__ChatSphere"] = connectionString;
        start.Environment["CHATSPHERE_ADMIN_EMAIL"] = AdminEmail;
        start.Environment["CHATSPHERE_ADMIN_PASSWORD"] = AdminPassword;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__ChatSphere.Core.Ingestion.IngestDocumentJob"] = "Information";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        // One load generator is one account: its quotas would stop it (that is them working).
        start.Environment["Quotas__MessagesPerMinute"] = "-1";
        start.Environment["Quotas__MessagesPerDay"] = "-1";
        start.Environment["Quotas__TokensPerDay"] = "-1";
        start.Environment["Quotas__Documents"] = "-1";
        start.Environment["Quotas__StoredBytes"] = "-1";
        start.Environment["Quotas__Bots"] = "-1";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var verbose = Environment.GetEnvironmentVariable("CHATSPHERE_BENCH_VERBOSE") == "1";
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && (verbose || e.Data.Contains("fail", StringComparison.OrdinalIgnoreCase)))
            {
                Console.Error.WriteLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
        for (var i = 0; ; i++)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException) when (i < 300)
            {
            }

            if (process.HasExited || i >= 300)
            {
                throw new InvalidOperationException("The site did not start.");
            }

            await Task.Delay(200);
        }

        await SignInAsync(http);
        return new LiveSite(process, connectionString, http);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }
}
