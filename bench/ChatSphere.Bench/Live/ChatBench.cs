using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatSphere.Testing.FakeOpenAi;

namespace ChatSphere.Bench.Live;

/// <summary>
/// Issue 4's benchmark: the time ChatSphere adds before the first streamed token, with a fake model that answers
/// at once; and the offline answerer through the chat API on SQuAD.
/// </summary>
internal sealed partial class ChatBench(Squad squad, string serverConnection, TextWriter output)
{
    public async Task RunAsync()
    {
        await FirstTokenAsync();
        await OfflineAnswersAsync();
    }

    private async Task FirstTokenAsync()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        await using var site = await LiveSite.StartAsync(serverConnection, "chatsphere_bench_chat", 5093, new Dictionary<string, string>
        {
            ["Models__BaseUrl"] = model.BaseUrl.ToString(),
            ["Models__ApiKey"] = model.ApiKey,
            ["Models__ChatModel"] = FakeOpenAiServer.ChatModel,
            ["Models__EmbeddingModel"] = "chatsphere-hash-v1",
        });
        var bot = await IngestAsync(site);
        var questions = squad.Questions.Select(q => q.Text).ToList();
        foreach (var question in questions.Take(30))
        {
            await AskStreamingAsync(site, bot, question);
        }

        var first = new List<double>();
        var timings = new Dictionary<string, List<double>>();
        foreach (var question in questions.Skip(30).Take(500))
        {
            var (ttft, done) = await AskStreamingAsync(site, bot, question);
            first.Add(ttft);
            foreach (var timing in done.GetProperty("timings").EnumerateObject())
            {
                (timings.TryGetValue(timing.Name, out var list) ? list : timings[timing.Name] = []).Add(timing.Value.GetDouble());
            }
        }

        var server = timings.Where(t => t.Key != "firstTokenMs").Sum(t => Percentiles.Of(t.Value, 50));
        output.WriteLine("## Time to the first streamed token (fake model answering at once), SQuAD bot, 500 questions\n");
        output.WriteLine($"Client-measured, request sent to first `delta` event: {Percentiles.Summary(first)}.\n");
        output.WriteLine("| part (server side) | p50 | p99 |");
        output.WriteLine("|---|---|---|");
        foreach (var (name, values) in timings.OrderBy(t => t.Key))
        {
            output.WriteLine($"| {name} | {Percentiles.Of(values, 50):F1} ms | {Percentiles.Of(values, 99):F1} ms |");
        }

        output.WriteLine($"\nauthMs: routing, bearer validation and the bot's ownership check; loadMs: conversation and history lookups and storing the question; " +
            "embedMs: the query's embedding; searchMs: hybrid search SQL and fusion; promptMs: Kernel, plugin and prompt; firstTokenMs: " +
            $"the fake model's first token over loopback HTTP. The rest (about {Percentiles.Of(first, 50) - server - Percentiles.Of(timings.GetValueOrDefault("firstTokenMs") ?? [0], 50):F1} ms " +
            "at p50) is the HTTP exchange itself and SSE framing.\n");
    }

    private async Task OfflineAnswersAsync()
    {
        await using var site = await LiveSite.StartAsync(serverConnection, "chatsphere_bench_offline", 5094);
        var bot = await IngestAsync(site);
        var (found, words, empty) = (0, 0L, 0);
        foreach (var question in squad.Questions)
        {
            var response = await site.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/chat", new { message = question.Text });
            response.EnsureSuccessStatusCode();
            var reply = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reply").GetString()!;
            var text = Markers().Replace(reply, " ");
            found += Squad.Contains($" {Squad.Normalise(text)} ", question.Answers) ? 1 : 0;
            words += text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            empty += reply.Length == 0 ? 1 : 0;
        }

        var n = squad.Questions.Count;
        output.WriteLine($"## Offline answerer through POST /chat (no model key), all {n} SQuAD questions\n");
        output.WriteLine($"Replies containing a gold answer: **{100.0 * found / n:F1}%**, mean reply length **{(double)words / n:F1} words**, empty {empty}.\n");
    }

    private async Task<Guid> IngestAsync(LiveSite site)
    {
        var bot = await site.CreateBotAsync("SQuAD dev");
        foreach (var document in squad.Documents)
        {
            await site.UploadAsync(bot, $"{document.Title}.txt", Encoding.UTF8.GetBytes(string.Join("\n\n", document.Blocks.Select(b => b.Text))));
        }

        await site.WaitUntilReadyAsync(bot, squad.Documents.Count);
        return bot;
    }

    private async Task<(double FirstTokenMs, JsonElement Done)> AskStreamingAsync(LiveSite site, Guid bot, string question)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/bots/{bot}/chat") { Content = JsonContent.Create(new { message = question }) };
        request.Headers.Accept.ParseAdd("text/event-stream");
        var started = Stopwatch.GetTimestamp();
        using var response = await site.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        double? first = null;
        JsonElement done = default;
        string? name = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
                first ??= name == "delta" ? Stopwatch.GetElapsedTime(started).TotalMilliseconds : null;
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && name == "done")
            {
                done = JsonDocument.Parse(line[6..]).RootElement.Clone();
            }
        }

        return (first ?? double.NaN, done);
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Markers();
}
