using ChatSphere.Core.Ingestion.Chunking;

namespace ChatSphere.Bench;

/// <summary>All articles chunked one way; what gets indexed optionally starts with the document's headings.</summary>
internal sealed class Corpus(IReadOnlyList<BenchChunk> chunks)
{
    public IReadOnlyList<BenchChunk> Chunks => chunks;

    public double MeanWords => chunks.Average(c => c.Words);

    public static Corpus Build(Squad squad, Chunker chunker, ChunkingOptions options, bool withHeadings)
    {
        var chunks = new List<BenchChunk>();
        foreach (var document in squad.Documents)
        {
            foreach (var chunk in chunker.Chunk(document, options))
            {
                var indexed = withHeadings ? IndexedText(document.Title, chunk) : chunk.Text;
                var words = chunk.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
                chunks.Add(new BenchChunk(chunk.Text, indexed, $" {Squad.Normalise(chunk.Text)} ", words));
            }
        }

        return new Corpus(chunks);
    }

    /// <summary>The baseline's passages: each article's words cut into consecutive runs of <paramref name="size"/>.</summary>
    public static Corpus Passages(Squad squad, int size)
    {
        var chunks = new List<BenchChunk>();
        foreach (var document in squad.Documents)
        {
            var words = document.Blocks.SelectMany(b => b.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToArray();
            foreach (var passage in words.Chunk(size))
            {
                var text = string.Join(' ', passage);
                chunks.Add(new BenchChunk(text, text, $" {Squad.Normalise(text)} ", passage.Length));
            }
        }

        return new Corpus(chunks);
    }

    // What the indexer would embed and full-text index: title and headings (without repeats), then the text.
    public static string IndexedText(string? title, TextChunk chunk)
    {
        var headings = chunk.HeadingPath.Prepend(title ?? "").Where(h => h.Length > 0).Distinct();
        return $"{string.Join("\n", headings)}\n\n{chunk.Text}";
    }
}
