using System.Diagnostics;
using ChatSphere.Agents.Embeddings;
using ChatSphere.Core.Ingestion.Chunking;
using Microsoft.Extensions.AI;

namespace ChatSphere.Bench;

/// <summary>
/// Issue 12, item 5: the offline embedders side by side on one evaluation file at the default chunking: accuracy of
/// each leg and of the hybrid as the bot fuses it (ts_rank OR + vectors, <c>KnowledgeSearch.FusionFor</c>) with
/// other fusion settings, then what embedding the corpus costs (wall, CPU, memory), with the load average.
/// </summary>
internal sealed class EmbedderBench(Squad squad, string name, int threads, TextWriter output)
{
    public void Run()
    {
        var corpus = Corpus.Build(squad, new Chunker(TokenCounter.Shared), new ChunkingOptions(), withHeadings: true);
        var texts = corpus.Chunks.Select(c => c.Indexed).ToList();
        var questions = squad.Questions.Select(q => q.Text).ToList();
        var legs = new Legs(corpus, squad.Questions, threads);
        output.WriteLine($"## {name}: {corpus.Chunks.Count} chunks of {corpus.MeanWords:F0} words, {questions.Count} questions");
        output.WriteLine();

        var hash = new HashingEmbeddingGenerator();
        var arctic = new ArcticEmbeddingGenerator();
        output.WriteLine("| embedder | chunks | wall s | chunks/s | CPU s | CPU ms/chunk | RSS after MB | peak RSS MB | load avg (1 min) before/after |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|");
        var hashIndex = Cost("hash-384", hash, texts, HashingEmbeddingGenerator.DefaultDimensions);
        var (_, loadCpu, loadWall) = Measure(() => arctic.GenerateAsync(["loads the model, once per process"]).GetAwaiter().GetResult());
        output.WriteLine(
            $"| {ArcticEmbeddingGenerator.ModelId}: loading the model | 1 | {loadWall.TotalSeconds:F1} | | {loadCpu.TotalSeconds:F1} | | " +
            $"{Environment.WorkingSet / 1e6:F0} | {Peak():F0} | {LoadAverage()} |");
        var arcticIndex = Cost(ArcticEmbeddingGenerator.ModelId, arctic, texts, ArcticEmbeddingGenerator.Dimensions);
        output.WriteLine();

        var (hashQuestions, _) = Embed(hash, questions, null);
        var (arcticQuestions, questionCost) = Embed(arctic, questions, EmbeddingPurpose.ForQuery());
        output.WriteLine($"Questions embedded by {ArcticEmbeddingGenerator.ModelId}: {questionCost.TotalMilliseconds / questions.Count:F1} ms CPU each.");
        output.WriteLine();

        var tsOr = legs.TsRank(all: false);
        var hashLeg = legs.Dense(hashIndex, hashQuestions);
        var arcticLeg = legs.Dense(arcticIndex, arcticQuestions);
        output.WriteLine("| retriever | top-1 | top-3 | top-5 | top-10 | k | top-k ~500 words |");
        output.WriteLine("|---|---|---|---|---|---|---|");
        Row("ts_rank OR (full text alone)", legs.Score(tsOr));
        Row("hash-384 alone", legs.Score(hashLeg));
        Row($"{ArcticEmbeddingGenerator.ModelId} alone", legs.Score(arcticLeg));
        Row("**bot today**: RRF k=10 ts_rank OR + hash x0.3", legs.Score(legs.Fuse(10, (tsOr, 1), (hashLeg, 0.3))));
        foreach (var (k, weight) in new[] { (60, 1.0), (30, 1.0), (10, 1.0), (60, 1.5), (60, 2.0), (60, 0.5), (10, 0.3) })
        {
            Row($"RRF k={k} ts_rank OR + arctic x{weight}", legs.Score(legs.Fuse(k, (tsOr, 1), (arcticLeg, weight))));
        }

        Row("RRF k=60 ts_rank OR + arctic + hash x0.3", legs.Score(legs.Fuse(60, (tsOr, 1), (arcticLeg, 1), (hashLeg, 0.3))));
        output.WriteLine();
    }

    private DenseIndex Cost(string embedder, IEmbeddingGenerator<string, Embedding<float>> generator, List<string> texts, int dimensions)
    {
        var load = LoadAverage();
        var (embeddings, cpu, wall) = Measure(() => generator.GenerateAsync(texts).GetAwaiter().GetResult());
        output.WriteLine(
            $"| {embedder} | {texts.Count} | {wall.TotalSeconds:F1} | {texts.Count / wall.TotalSeconds:F0} | {cpu.TotalSeconds:F1} | " +
            $"{cpu.TotalMilliseconds / texts.Count:F2} | {Environment.WorkingSet / 1e6:F0} | {Peak():F0} | {load} / {LoadAverage()} |");
        output.Flush();
        return DenseIndex.Of(embeddings, dimensions);
    }

    private static (float[][] Vectors, TimeSpan Cpu) Embed(
        IEmbeddingGenerator<string, Embedding<float>> generator, List<string> texts, EmbeddingGenerationOptions? options)
    {
        var (embeddings, cpu, _) = Measure(() => generator.GenerateAsync(texts, options).GetAwaiter().GetResult());
        return ([.. embeddings.Select(e => e.Vector.ToArray())], cpu);
    }

    private static (T Result, TimeSpan Cpu, TimeSpan Wall) Measure<T>(Func<T> work)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = work();
        process.Refresh();
        return (result, process.TotalProcessorTime - cpu, watch.Elapsed);
    }

    /// <summary>The process's peak resident set (VmHWM), MB.</summary>
    private static double Peak()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / 1e6;
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private void Row(string retriever, Accuracy accuracy)
    {
        output.WriteLine($"| {retriever} | {accuracy.Row()} |");
        output.Flush();
    }
}
