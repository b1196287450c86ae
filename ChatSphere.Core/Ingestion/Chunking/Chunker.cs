using ChatSphere.Core.Bots;
using ChatSphere.Core.Ingestion.Extraction;

namespace ChatSphere.Core.Ingestion.Chunking;

/// <summary>
/// Cuts a document into retrieval chunks that follow its structure: a chunk holds whole paragraphs of one
/// section and page when they fit, sentences when they do not, and repeats the last sentences of the chunk before.
/// </summary>
public sealed class Chunker(TokenCounter tokens)
{
    public IReadOnlyList<TextChunk> Chunk(ExtractedDocument document, ChunkingOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        Validate(options);

        var chunks = new List<TextChunk>();
        var blocks = document.Blocks.Where(b => !string.IsNullOrWhiteSpace(b.Text)).ToList();
        for (var first = 0; first < blocks.Count;)
        {
            // A section is a run of blocks under the same headings, on the same page.
            var end = first + 1;
            while (end < blocks.Count && SameSection(blocks[first], blocks[end]))
            {
                end++;
            }

            var texts = blocks[first..end].Select(b => b.Text.Trim()).ToList();
            var segments = SectionSegmenter.Segment(texts, options.MaxTokens, tokens);
            foreach (var (text, count) in new SectionPacker(segments, options, tokens).Pack())
            {
                chunks.Add(new TextChunk(chunks.Count, text, count, blocks[first].HeadingPath, blocks[first].Page));
            }

            first = end;
        }

        return chunks;
    }

    private static bool SameSection(TextBlock a, TextBlock b) => a.Page == b.Page && a.HeadingPath.SequenceEqual(b.HeadingPath);

    private static void Validate(ChunkingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxTokens is < BotLimits.MinChunkTokens or > BotLimits.MaxChunkTokens)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxTokens,
                $"MaxTokens must be between {BotLimits.MinChunkTokens} and {BotLimits.MaxChunkTokens}.");
        }

        if (options.OverlapTokens < 0 || options.OverlapTokens * 2 >= options.MaxTokens)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.OverlapTokens,
                "OverlapTokens must be at least 0 and less than half of MaxTokens.");
        }
    }
}
