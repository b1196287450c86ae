using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatSphere.Core.Telemetry;
using ChatSphere.Testing.FakeOpenAi;

namespace ChatSphere.Bench.Live;

/// <summary>
/// Issue 4's benchmark: the time ChatSphere adds before the first streamed token, with a fake model that answers
/// at once; and the offline answerer through the chat API on SQuAD. The site runs in this process, so the server-side
/// breakdown comes from its spans (<see cref="TurnSpans"/>). <paramref name="questions"/> caps both parts (default:
/// 500 timed questions after 30 to warm up, and every SQuAD question for the offline answerer).
/// </summary>
internal sealed partial class ChatBench(Squad squad, string serverConnection, TextWriter output, int? questions = null)
{
    private const int WarmUp = 30;

    /// <summary>Parts in the order a turn meets them; any other span follows.</summary>
    private static readonly string[] Order =
    [
        "chat.auth", ChatSphereTelemetry.Spans.Load, ChatSphereTelemetry.Spans.History,
        ChatSphereTelemetry.Spans.Retrieval, ChatSphereTelemetry.Spans.Embed, ChatSphereTelemetry.Spans.Search,
        TurnSpans.ModelToFirstToken, TurnSpans.RequestToFirstToken, ChatSphereTelemetry.Spans.Save, ChatSphereTelemetry.Spans.Turn,
    ];

    public async Task RunAsync()
    {
        await FirstTokenAsync();
        await OfflineAnswersAsync();
    }

    private async Task FirstTokenAsync()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Models__BaseUrl"] = model.BaseUrl.ToString(),
            ["Models__ApiKey"] = model.ApiKey,
            ["Models__ChatModel"] = FakeOpenAiServer.ChatModel,
            ["Models__EmbeddingModel"] = "chatsphere-hash-v1",
        };
        // CHATSPHERE_BENCH_SITE: another build, run as its own process (A/B of the client's time to first token on one
        // machine); its spans are in that process, so there is no breakdown.
        var other = Environment.GetEnvironmentVariable("CHATSPHERE_BENCH_SITE") is { Length: > 0 };
        await using BenchSite site = other
            ? await LiveSite.StartAsync(serverConnection, "chatsphere_bench_chat", 5093, settings)
            : await InProcessSite.StartAsync(serverConnection, "chatsphere_bench_chat", settings);
        using var spans = other ? null : new TurnSpans();
        var bot = await IngestAsync(site);
        var texts = squad.Questions.Select(q => q.Text).ToList();
        foreach (var question in texts.Take(WarmUp))
        {
            await AskStreamingAsync(site, spans, bot, question);
        }

        var count = questions ?? 500;
        var first = new List<double>();
        var parts = new Dictionary<string, List<double>>();
        foreach (var question in texts.Skip(WarmUp).Take(count))
        {
            var (ttft, breakdown) = await AskStreamingAsync(site, spans, bot, question);
            first.Add(ttft);
            foreach (var (name, ms) in breakdown)
            {
                (parts.TryGetValue(name, out var list) ? list : parts[name] = []).Add(ms);
            }
        }

        output.WriteLine($"## Time to the first streamed token (fake model answering at once), SQuAD bot, {first.Count} questions\n");
        output.WriteLine($"Client-measured, request sent to first `delta` event: {Percentiles.Summary(first)}.\n");
        if (parts.Count == 0)
        {
            output.WriteLine("No server-side breakdown: spans are read only from a site hosted in this process (not with CHATSPHERE_BENCH_SITE).\n");
            return;
        }

        output.WriteLine("| part (server side, from spans) | p50 | p99 | turns |");
        output.WriteLine("|---|---|---|---|");
        foreach (var (name, values) in parts.OrderBy(p => Array.IndexOf(Order, p.Key) is var i and >= 0 ? i : Order.Length).ThenBy(p => p.Key))
        {
            output.WriteLine($"| {name} | {Percentiles.Of(values, 50):F1} ms | {Percentiles.Of(values, 99):F1} ms | {values.Count} |");
        }

        output.WriteLine($"\nSpans nest (retrieval.* inside chat.retrieval, the chat.* steps inside chat.turn), so the rows do not add up. " +
            $"{TurnSpans.ModelToFirstToken}: the model call until the fake's first token arrived over loopback HTTP. " +
            $"{TurnSpans.RequestToFirstToken}: from the request reaching ASP.NET Core (its request span) to that token, the server's whole share.");
        if (parts.TryGetValue(TurnSpans.RequestToFirstToken, out var server))
        {
            output.WriteLine($"The rest of the client's time (about {Percentiles.Of(first, 50) - Percentiles.Of(server, 50):F1} ms at p50) is " +
                "the HTTP exchange, relaying the token and SSE framing.");
        }

        output.WriteLine();
    }

    private async Task OfflineAnswersAsync()
    {
        await using var site = await InProcessSite.StartAsync(serverConnection, "chatsphere_bench_offline");
        var bot = await IngestAsync(site);
        var (found, words, empty) = (0, 0L, 0);
        var asked = squad.Questions.Take(questions ?? squad.Questions.Count).ToList();
        foreach (var question in asked)
        {
            var response = await site.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/chat", new { message = question.Text });
            response.EnsureSuccessStatusCode();
            var reply = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reply").GetString()!;
            var text = Markers().Replace(reply, " ");
            found += Squad.Contains($" {Squad.Normalise(text)} ", question.Answers) ? 1 : 0;
            words += text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            empty += reply.Length == 0 ? 1 : 0;
        }

        var n = asked.Count;
        output.WriteLine($"## Offline answerer through POST /chat (no model key), {n} of {squad.Questions.Count} SQuAD questions\n");
        output.WriteLine($"Replies containing a gold answer: **{100.0 * found / n:F1}%**, mean reply length **{(double)words / n:F1} words**, empty {empty}.\n");
    }

    private async Task<Guid> IngestAsync(BenchSite site)
    {
        var bot = await site.CreateBotAsync("SQuAD dev");
        foreach (var document in squad.Documents)
        {
            await site.UploadAsync(bot, $"{document.Title}.txt", Encoding.UTF8.GetBytes(string.Join("\n\n", document.Blocks.Select(b => b.Text))));
        }

        await site.WaitUntilReadyAsync(bot, squad.Documents.Count);
        return bot;
    }

    /// <summary>Client-measured time to the first <c>delta</c>, and the server's breakdown from the request's spans.</summary>
    private static async Task<(double FirstTokenMs, Dictionary<string, double> Parts)> AskStreamingAsync(
        BenchSite site, TurnSpans? spans, Guid bot, string question)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/bots/{bot}/chat") { Content = JsonContent.Create(new { message = question }) };
        request.Headers.Accept.ParseAdd("text/event-stream");
        var traced = spans?.Begin();
        if (traced is not null)
        {
            request.Headers.Add("traceparent", traced.Header);
        }

        var started = Stopwatch.GetTimestamp();
        using var response = await site.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        double? first = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                first ??= line[7..] == "delta" ? Stopwatch.GetElapsedTime(started).TotalMilliseconds : null;
            }
        }

        return (first ?? double.NaN, spans is null ? [] : await spans.EndAsync(traced!));
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Markers();
}
