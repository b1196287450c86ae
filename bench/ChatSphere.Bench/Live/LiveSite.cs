using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace ChatSphere.Bench.Live;

/// <summary>
/// The real site as a separate process (Release build) on a fresh benchmark database, and an API client for it.
/// </summary>
internal sealed class LiveSite : IAsyncDisposable
{
    private const string AdminEmail = "bench@chatsphere.local";
    private const string AdminPassword = "Bench-Passw0rd!";
    private readonly Process _process;

    private LiveSite(Process process, string connectionString, HttpClient http)
    {
        _process = process;
        ConnectionString = connectionString;
        Http = http;
    }

    public string ConnectionString { get; }

    public HttpClient Http { get; }

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
        await using (var admin = new NpgsqlConnection(serverConnection))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin).ExecuteNonQueryAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{database}\" TEMPLATE template1", admin).ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(serverConnection) { Database = database }.ConnectionString;
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

        var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { email = AdminEmail, password = AdminPassword });
        token.EnsureSuccessStatusCode();
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return new LiveSite(process, connectionString, http);
    }

    public async Task<Guid> CreateBotAsync(string name)
    {
        var response = await Http.PostAsJsonAsync("/api/v1/bots", new { name });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task UploadAsync(Guid bot, string fileName, byte[] bytes)
    {
        using var content = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", fileName } };
        var response = await Http.PostAsync($"/api/v1/bots/{bot}/documents", content);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Polls the documents list until every document is ready (or one failed).</summary>
    public async Task WaitUntilReadyAsync(Guid bot, int expected)
    {
        while (true)
        {
            var list = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/bots/{bot}/documents");
            var states = list.EnumerateArray().Select(d => d.GetProperty("status").GetString()).ToList();
            if (states.Contains("failed"))
            {
                throw new InvalidOperationException("A document failed: " + list);
            }

            if (states.Count == expected && states.All(s => s == "ready"))
            {
                return;
            }

            await Task.Delay(50);
        }
    }

    public async Task<List<(string Text, double Score)>> SearchAsync(Guid bot, string query, int top, string mode = "hybrid")
    {
        var response = await Http.PostAsJsonAsync($"/api/v1/bots/{bot}/search", new { query, top, mode });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("results").EnumerateArray()
            .Select(r => (r.GetProperty("text").GetString()!, r.GetProperty("score").GetDouble())).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChatSphere.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Run the benchmark from inside the repository.");
    }
}
