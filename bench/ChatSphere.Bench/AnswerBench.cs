using System.Text.RegularExpressions;
using ChatSphere.Agents.Answering;
using ChatSphere.Core.Ingestion.Chunking;

namespace ChatSphere.Bench;

/// <summary>
/// The offline answerer over the product's retrieval (RRF k=10 of ts_rank OR and hash-384 x0.3, top 5 chunks of
/// 160/16), everything analysed in <paramref name="language"/> (null: unknown): share of replies holding a gold
/// answer, mean reply words, share of empty replies.
/// </summary>
internal sealed partial class AnswerBench(Squad squad, TextWriter output, string? language = null)
{
    private const int TopK = 5;

    public void Run(bool sweep)
    {
        var (accuracy, sources) = Retrieve();
        output.WriteLine($"Retrieval, top-1 | top-3 | top-5 | top-10 | k | ~500 words: {accuracy.Row()}");
        output.WriteLine();
        output.WriteLine("| answerer | contains answer % | mean words | empty % |");
        output.WriteLine("|---|---|---|---|");

        var answerer = new ExtractiveAnswerer();
        foreach (var max in new[] { 1, 2, 3 })
        {
            Row($"ExtractiveAnswerer, maxSentences {max}", q => answerer.Answer(squad.Questions[q].Text, sources[q], max, language).Text, sources);
        }

        Row("baseline: best two BM25 sentences of the top-3 chunks", q => Baseline(squad.Questions[q].Text, sources[q].Take(3).ToList(), language), sources);
        if (sweep)
        {
            Sweep(sources);
        }
    }

    /// <summary>
    /// One row of the per-language table: retrieval top-1/5, replies (default answerer) holding a gold answer, replies
    /// citing a source, mean reply length in characters (words mean nothing in scripts without spaces).
    /// </summary>
    public void LanguageRow(string name)
    {
        var (accuracy, sources) = Retrieve();
        var answerer = new ExtractiveAnswerer();
        int hits = 0, cited = 0;
        long characters = 0;
        for (var q = 0; q < squad.Questions.Count; q++)
        {
            var answer = answerer.Answer(squad.Questions[q].Text, sources[q], language: language);
            var text = Marker().Replace(answer.Text, " ");
            cited += answer.CitedMarkers.Count > 0 ? 1 : 0;
            characters += text.Length;
            hits += Squad.Contains($" {Squad.Normalise(text)} ", squad.Questions[q]) ? 1 : 0;
        }

        var n = (double)squad.Questions.Count;
        output.WriteLine($"| {name} | {language ?? "unknown"} | {squad.Questions.Count} | {accuracy.At1:F1} | {accuracy.At5:F1} | "
            + $"{100 * hits / n:F1} | {100 * cited / n:F1} | {characters / n:F0} |");
        output.Flush();
    }

    // The product's retrieval in memory: its top 5 chunks for each question, as the answerer's sources.
    private (Accuracy Accuracy, List<List<AnswerSource>> Sources) Retrieve()
    {
        var corpus = Corpus.Build(squad, new Chunker(TokenCounter.Shared), new ChunkingOptions(), withHeadings: true);
        var legs = new Legs(corpus, squad.Questions, threads: 1, language);
        var dense = legs.Dense(EmbedderVariant.Default.Create(), EmbedderVariant.Default.Embed(squad.Questions.Select(q => q.Text), language), 384);
        var ranked = legs.Fuse(10, (legs.TsRank(all: false), 1), (dense, 0.3));
        return (legs.Score(ranked), ranked.Select(r => r.Take(TopK).Select((c, i) => Source(corpus, c, i)).ToList()).ToList());
    }

    private void Sweep(List<List<AnswerSource>> sources)
    {
        foreach (var coverage in new[] { 0, 0.5, 1, 2 })
        {
            foreach (var decay in new[] { 0, 0.1, 0.3 })
            {
                foreach (var ratio in new[] { 0.3, 0.5, 0.7, 1.01 })
                {
                    foreach (var b in new[] { 0.3, 0.75 })
                    {
                        var scoring = new AnswerScoring(1.2, b, coverage, decay, ratio);
                        var answerer = new ExtractiveAnswerer(scoring);
                        Row($"{scoring}", q => answerer.Answer(squad.Questions[q].Text, sources[q], language: language).Text, sources);
                    }
                }
            }
        }
    }

    private void Row(string name, Func<int, string> reply, List<List<AnswerSource>> sources)
    {
        int hits = 0, empty = 0;
        long words = 0;
        for (var q = 0; q < squad.Questions.Count; q++)
        {
            var text = Marker().Replace(reply(q), " ");
            empty += text.Length == 0 ? 1 : 0;
            words += text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
            hits += Squad.Contains($" {Squad.Normalise(text)} ", squad.Questions[q]) ? 1 : 0;
        }

        var n = (double)squad.Questions.Count;
        output.WriteLine($"| {name} | {100 * hits / n:F1} | {words / n:F1} | {100 * empty / n:F1} |");
        output.Flush();
    }

    // The README's baseline shape: the two highest plain-BM25 sentences, no coverage, rank or novelty rules.
    private static string Baseline(string question, List<AnswerSource> sources, string? language)
    {
        var query = ChatSphere.Agents.Embeddings.TextAnalyzer.Terms(question, language).Distinct().ToArray();
        var candidates = ExtractiveAnswerer.Candidates(sources, language);
        if (query.Length == 0 || candidates.Count == 0)
        {
            return "";
        }

        var scores = new SentenceScorer(query, candidates, new AnswerScoring(1.2, 0.75, 0, 0, 0)).Scores();
        var best = Enumerable.Range(0, candidates.Count).Where(i => scores[i] > 0)
            .OrderByDescending(i => scores[i]).ThenBy(i => i).Take(2);
        return string.Join(' ', best.Select(i => candidates[i].Text));
    }

    private static AnswerSource Source(Corpus corpus, int chunk, int rank) =>
        new(rank + 1, new Guid(chunk, 0, 0, new byte[8]), "SQuAD", corpus.Chunks[chunk].Text);

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Marker();
}
