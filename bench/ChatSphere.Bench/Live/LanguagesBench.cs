using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChatSphere.Core.Languages;

namespace ChatSphere.Bench.Live;

/// <summary>
/// Issue 12's benchmark: every XQuAD file (one language each) uploaded through the real site, offline models, one bot
/// per language and one document per article; each question through POST /search (top-1/3/5/10, scored as
/// shared/eval/README.md says: whole words after normalising, a plain substring for scripts written without spaces)
/// and through POST /chat (offline answerer: replies containing a gold answer, replies with a citation).
/// </summary>
internal sealed class LanguagesBench(string directory, string serverConnection, TextWriter output, int? questions)
{
    private static readonly Dictionary<string, double> Bm25Top5 = new()
    {
        ["en"] = 94.5, ["de"] = 90.1, ["ru"] = 86.1, ["ar"] = 87.4, ["hi"] = 76.5, ["zh"] = 92.4,
    };

    public async Task RunAsync()
    {
        var files = Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).ToList();
        var database = Environment.GetEnvironmentVariable("CHATSPHERE_BENCH_DATABASE") ?? "chatsphere_languages";
        var port = int.Parse(Environment.GetEnvironmentVariable("CHATSPHERE_BENCH_PORT") ?? "5094");
        await using var site = await LiveSite.StartAsync(serverConnection, database, port);
        var rows = new List<string>();
        foreach (var file in files)
        {
            var code = Path.GetFileNameWithoutExtension(file);
            var squad = Squad.Load(file);
            var unspaced = TextTokens.HasUnspacedScript(string.Concat(squad.Documents[0].Blocks.Take(3).Select(b => b.Text)));
            var started = DateTime.UtcNow;
            var bot = await site.CreateBotAsync($"XQuAD {code}");
            foreach (var document in squad.Documents)
            {
                await site.UploadAsync(bot, $"{document.Title}.txt", Encoding.UTF8.GetBytes(string.Join("\n\n", document.Blocks.Select(b => b.Text))));
            }

            await site.WaitUntilReadyAsync(bot, squad.Documents.Count);
            var ingest = (DateTime.UtcNow - started).TotalSeconds;
            var detected = await DetectedAsync(site, bot, code);
            var hits = new int[11];
            foreach (var question in squad.Questions)
            {
                var results = await site.SearchAsync(bot, question.Text, 10);
                var rank = results.FindIndex(r => Matches(r.Text, question.Answers, unspaced));
                if (rank >= 0)
                {
                    hits[rank + 1]++;
                }
            }

            double At(int k) => 100.0 * hits.Take(k + 1).Sum() / squad.Questions.Count;
            var (answered, cited, asked) = await AnswersAsync(site, bot, squad, unspaced);
            var baseline = Bm25Top5.TryGetValue(code, out var b) ? $"{b:F1}" : "-";
            rows.Add($"| {code} | {detected}/{squad.Documents.Count} | {squad.Questions.Count} | {At(1):F1} | {At(3):F1} | **{At(5):F1}** | {At(10):F1} | {baseline} | " +
                $"{100.0 * answered / asked:F1} | {100.0 * cited / asked:F1} | {asked} | {ingest:F0} s |");
            output.WriteLine(rows[^1]);
        }

        output.WriteLine("\n## Issue 12: languages (XQuAD through the site, offline models)\n");
        output.WriteLine("| language | documents detected as it | questions | top-1 | top-3 | top-5 | top-10 | BM25 top-5 | offline answers with gold | with a citation | asked | upload to ready |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            output.WriteLine(row);
        }
    }

    /// <summary>shared/eval/README.md's rule: whole normalised words, or a plain substring for unspaced scripts.</summary>
    private static bool Matches(string passage, string[] answers, bool unspaced)
    {
        var normalised = Squad.Normalise(passage);
        return unspaced ? answers.Any(a => normalised.Contains(a, StringComparison.Ordinal)) : Squad.Contains($" {normalised} ", answers);
    }

    /// <summary>How many of the bot's documents were detected as <paramref name="code"/>.</summary>
    private static async Task<int> DetectedAsync(LiveSite site, Guid bot, string code)
    {
        var list = await site.Http.GetFromJsonAsync<JsonElement>($"/api/v1/bots/{bot}/documents");
        return list.EnumerateArray().Count(d => d.TryGetProperty("language", out var l) && l.GetString() == code);
    }

    private async Task<(int Answered, int Cited, int Asked)> AnswersAsync(LiveSite site, Guid bot, Squad squad, bool unspaced)
    {
        // Every question, or an even sample of --questions of them.
        var step = questions is { } n && n < squad.Questions.Count ? (double)squad.Questions.Count / n : 1;
        var asked = Enumerable.Range(0, (int)(squad.Questions.Count / step)).Select(i => squad.Questions[(int)(i * step)]).ToList();
        var (answered, cited) = (0, 0);
        foreach (var question in asked)
        {
            var response = await site.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/chat", new { message = question.Text });
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            answered += Matches(body.GetProperty("reply").GetString()!, question.Answers, unspaced) ? 1 : 0;
            cited += body.GetProperty("citations").GetArrayLength() > 0 ? 1 : 0;
        }

        return (answered, cited, asked.Count);
    }
}
