using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace ChatSphere.Bench.Live;

/// <summary>
/// A running site on a fresh benchmark database and an API client signed in as its admin, whether the site is its own
/// process (<see cref="LiveSite"/>) or hosted in this one (<see cref="InProcessSite"/>).
/// </summary>
internal abstract class BenchSite(string connectionString, HttpClient http) : IAsyncDisposable
{
    protected const string AdminEmail = "bench@chatsphere.local";
    protected const string AdminPassword = "Bench-Passw0rd!";

    public string ConnectionString => connectionString;

    public HttpClient Http => http;

    /// <summary>Creates database <paramref name="database"/> afresh on the server of <paramref name="serverConnection"/>; returns its connection string.</summary>
    protected static async Task<string> CreateDatabaseAsync(string serverConnection, string database)
    {
        await using (var admin = new NpgsqlConnection(serverConnection))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin).ExecuteNonQueryAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{database}\" TEMPLATE template1", admin).ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(serverConnection) { Database = database }.ConnectionString;
    }

    /// <summary>Signs <paramref name="http"/> in as the admin the site created at start.</summary>
    protected static async Task SignInAsync(HttpClient http)
    {
        var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { email = AdminEmail, password = AdminPassword });
        token.EnsureSuccessStatusCode();
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
    }

    /// <param name="embeddingModel">The bot's embedding model; null is the site's default.</param>
    public async Task<Guid> CreateBotAsync(string name, string? embeddingModel = null)
    {
        var response = await Http.PostAsJsonAsync("/api/v1/bots", new { name, embeddingModel });
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

    public virtual ValueTask DisposeAsync()
    {
        Http.Dispose();
        return ValueTask.CompletedTask;
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
