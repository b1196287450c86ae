using System.Diagnostics;
using System.Text.Json;
using ChatSphere.IntegrationTests.Infrastructure;
using ChatSphere.Testing.FakeOpenAi;

namespace ChatSphere.IntegrationTests.Chat;

/// <summary>
/// The official <c>openai</c> npm package (pinned in tests/openai-client) talks to a bot on a real port, listing models,
/// completing plain and streamed with usage, and reading ChatSphere's errors as its own typed errors.
/// </summary>
[Collection(NodeClientCollection.Name)]
public sealed class OpenAiNodeClientTests(KestrelModelsFactory app)
{
    [Fact]
    public async Task The_official_openai_npm_client_lists_bots_and_completes_plain_and_streamed()
    {
        var (api, bot) = await ZooBot.CreateAsync(app);
        app.Model.Chat.Enqueue(
            FakeReply.Text("Sea otters hold hands so they do not drift apart [1]."),
            FakeReply.Text("Beavers build dams from branches and mud [1].", perTokenDelay: TimeSpan.FromMilliseconds(5)));

        var output = await RunClientAsync(new Uri(app.SiteUrl, "v1"), api.Http.DefaultRequestHeaders.Authorization!.Parameter!, bot);

        Assert.StartsWith("6.", output.GetProperty("sdkVersion").GetString());
        var model = Assert.Single(output.GetProperty("models").EnumerateArray());
        Assert.Equal(bot.ToString(), model.GetProperty("id").GetString());
        Assert.Equal("chatsphere", model.GetProperty("owned_by").GetString());

        var plain = output.GetProperty("plain");
        Assert.Equal("chat.completion", plain.GetProperty("object").GetString());
        Assert.Equal("assistant", plain.GetProperty("role").GetString());
        Assert.Equal("Sea otters hold hands so they do not drift apart [1].", plain.GetProperty("content").GetString());
        Assert.Equal("stop", plain.GetProperty("finishReason").GetString());
        Assert.True(plain.GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0);
        Assert.Contains("Sea otters", Assert.Single(plain.GetProperty("citations").EnumerateArray()).GetProperty("snippet").GetString());

        var streamed = output.GetProperty("streamed");
        Assert.Equal("Beavers build dams from branches and mud [1].", streamed.GetProperty("content").GetString());
        Assert.Equal("assistant", streamed.GetProperty("role").GetString());
        Assert.Equal("stop", streamed.GetProperty("finishReason").GetString());
        Assert.True(streamed.GetProperty("chunks").GetInt32() > 5);
        Assert.Single(streamed.GetProperty("ids").EnumerateArray());
        Assert.True(streamed.GetProperty("usage").GetProperty("completion_tokens").GetInt32() > 0);
        Assert.NotEmpty(streamed.GetProperty("citations").EnumerateArray());
        // The first exchange went to the model as history.
        Assert.Contains(app.Model.ChatRequests[^1].Messages, m => m.Role == "assistant" && m.Content == "Sea otters hold hands so they do not drift apart [1].");

        var unknown = output.GetProperty("unknownModel");
        Assert.Equal("NotFoundError", unknown.GetProperty("name").GetString());
        Assert.Equal("model_not_found", unknown.GetProperty("code").GetString());
        var badKey = output.GetProperty("badKey");
        Assert.Equal("AuthenticationError", badKey.GetProperty("name").GetString());
        Assert.Equal(401, badKey.GetProperty("status").GetInt32());
    }

    /// <summary>Runs tests/openai-client/client.mjs with Node.js and parses the one JSON object it prints.</summary>
    private static async Task<JsonElement> RunClientAsync(Uri baseUrl, string token, Guid bot)
    {
        var folder = ClientFolder();
        Assert.True(
            File.Exists(Path.Combine(folder, "node_modules", "openai", "package.json")),
            $"The openai npm package is not installed in {folder}. './chatsphere test' installs Node.js and runs 'npm ci' there; " +
            "to run this test by hand: (cd tests/openai-client && npm ci).");

        var start = new ProcessStartInfo(NodeExecutable, ["client.mjs"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["CHATSPHERE_BASE_URL"] = baseUrl.ToString(),
                ["CHATSPHERE_TOKEN"] = token,
                ["CHATSPHERE_BOT"] = bot.ToString(),
            },
        };
        using var node = StartOrExplain(start);
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            Assert.Fail($"client.mjs did not finish within 2 minutes. stderr: {await stderr}");
        }

        Assert.True(node.ExitCode == 0, $"client.mjs exited with {node.ExitCode}. stderr: {await stderr}\nstdout: {await stdout}");
        return JsonDocument.Parse(await stdout).RootElement.Clone();
    }

    private static string NodeExecutable =>
        Environment.GetEnvironmentVariable("CHATSPHERE_NODE") is { Length: > 0 } path ? path : "node";

    private static Process StartOrExplain(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Node.js ({NodeExecutable}) cannot be started. './chatsphere test' installs it (apt-get install nodejs npm).", ex);
        }
    }

    private static string ClientFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "openai-client");
            if (File.Exists(Path.Combine(candidate, "client.mjs")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tests/openai-client not found above {AppContext.BaseDirectory}.");
    }
}
