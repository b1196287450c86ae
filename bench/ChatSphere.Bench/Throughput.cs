using System.Diagnostics;
using ChatSphere.Agents.Embeddings;
using ChatSphere.Core.Ingestion.Chunking;

namespace ChatSphere.Bench;

/// <summary>Single-threaded speed of the offline embedder and of the chunker on the SQuAD articles.</summary>
internal static class Throughput
{
    public static void Run(Squad squad, TextWriter output)
    {
        var chunker = new Chunker(TokenCounter.Shared);
        var watch = Stopwatch.StartNew();
        var chunks = squad.Documents.SelectMany(d => chunker.Chunk(d, new ChunkingOptions())).Select(c => c.Text).ToList();
        var words = squad.Documents.Sum(d => d.Blocks.Sum(b => b.Text.Split(' ').Length));
        output.WriteLine($"Chunker (first run, tokenizer warm-up included): {words / watch.Elapsed.TotalSeconds:N0} words/s");
        watch.Restart();
        chunks = squad.Documents.SelectMany(d => chunker.Chunk(d, new ChunkingOptions())).Select(c => c.Text).ToList();
        output.WriteLine($"Chunker: {words / watch.Elapsed.TotalSeconds:N0} words/s, {chunks.Count} chunks of default size");

        var sentences = squad.Questions.Select(q => q.Text).ToList();
        var generator = new HashingEmbeddingGenerator();
        foreach (var (name, texts) in new[] { ("questions (~10 words)", sentences), ("default chunks", chunks) })
        {
            generator.GenerateAsync(texts.Take(500)).GetAwaiter().GetResult(); // warm-up (JIT, tiering)
            watch.Restart();
            var rounds = 0;
            while (watch.Elapsed < TimeSpan.FromSeconds(3))
            {
                generator.GenerateAsync(texts).GetAwaiter().GetResult();
                rounds++;
            }

            var perSecond = rounds * texts.Count / watch.Elapsed.TotalSeconds;
            var meanWords = texts.Average(t => t.Split(' ').Length);
            output.WriteLine($"hash-384 on {name}, mean {meanWords:F0} words: {perSecond:N0} texts/s on one thread");
        }
    }
}
