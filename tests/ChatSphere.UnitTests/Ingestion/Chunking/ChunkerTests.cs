using ChatSphere.Core.Bots;
using ChatSphere.Core.Ingestion.Chunking;
using ChatSphere.Core.Ingestion.Extraction;

namespace ChatSphere.UnitTests.Ingestion.Chunking;

public sealed class ChunkerTests
{
    private static readonly TokenCounter _tokens = TokenCounter.Shared;
    private readonly Chunker _chunker = new(_tokens);

    [Fact]
    public void Every_chunk_stays_within_max_tokens_and_counts_its_own_text()
    {
        var options = new ChunkingOptions(MaxTokens: 64, OverlapTokens: 16);
        var document = new ExtractedDocument([Block("intro", 3), Block("body", 30), Block("tail", 9), Block("more", 14)]);

        var chunks = _chunker.Chunk(document, options);

        // Only a tiny last piece, folded into the chunk before it, may pass the limit (by a quarter at most).
        Assert.True(chunks.Count > 4);
        Assert.All(chunks, c => Assert.InRange(c.TokenCount, 1, options.MaxTokens * 5 / 4));
        Assert.True(chunks.Count(c => c.TokenCount > options.MaxTokens) <= 1);
        Assert.All(chunks, c => Assert.Equal(_tokens.Count(c.Text), c.TokenCount));
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.Ordinal));
    }

    [Fact]
    public void Small_blocks_of_one_section_share_a_chunk_and_a_block_that_fits_is_never_split()
    {
        var document = new ExtractedDocument([Block("alpha", 2), Block("beta", 2), Block("gamma", 14), Block("delta", 2)]);

        var chunks = _chunker.Chunk(document, new ChunkingOptions(MaxTokens: 160, OverlapTokens: 0));

        Assert.Equal(2, chunks.Count);
        Assert.Equal(Block("alpha", 2).Text + "\n\n" + Block("beta", 2).Text, chunks[0].Text);
        Assert.Equal(Block("gamma", 14).Text + "\n\n" + Block("delta", 2).Text, chunks[1].Text);
    }

    [Fact]
    public void A_new_section_or_page_starts_a_new_chunk_and_keeps_its_headings_and_page()
    {
        var document = new ExtractedDocument(
        [
            Block("alpha", 2, ["Guide", "Install"], page: 1),
            Block("beta", 2, ["Guide", "Install"], page: 2),
            Block("gamma", 2, ["Guide", "Usage"], page: 2),
            Block("delta", 2, ["Guide", "Usage"], page: 2),
        ]);

        var chunks = _chunker.Chunk(document, new ChunkingOptions());

        Assert.Equal(3, chunks.Count);
        Assert.Equal([(1, "Install"), (2, "Install"), (2, "Usage")], chunks.Select(c => (c.Page!.Value, c.HeadingPath[^1])));
        Assert.Contains("gamma", chunks[2].Text);
        Assert.Contains("delta", chunks[2].Text);
        Assert.DoesNotContain("beta", chunks[2].Text);
    }

    [Fact]
    public void Consecutive_chunks_of_a_section_repeat_whole_trailing_sentences_within_the_overlap()
    {
        var options = new ChunkingOptions(MaxTokens: 64, OverlapTokens: 24);

        var chunks = _chunker.Chunk(new ExtractedDocument([Block("body", 40)]), options);

        Assert.True(chunks.Count > 3);
        foreach (var (previous, next) in chunks.Zip(chunks.Skip(1)))
        {
            var before = Sentences(previous.Text);
            var after = Sentences(next.Text);
            var repeated = Enumerable.Range(1, Math.Min(before.Count, after.Count) - 1)
                .Where(n => before[^n..].SequenceEqual(after[..n]))
                .DefaultIfEmpty(0)
                .Max();
            Assert.True(repeated > 0, $"Chunk {next.Ordinal} does not open with the end of chunk {previous.Ordinal}.");
            Assert.InRange(_tokens.Count(string.Join(" ", after[..repeated])), 1, options.OverlapTokens);
        }
    }

    [Fact]
    public void No_overlap_repeats_nothing()
    {
        var chunks = _chunker.Chunk(new ExtractedDocument([Block("body", 40)]), new ChunkingOptions(MaxTokens: 64, OverlapTokens: 0));

        var sentences = chunks.SelectMany(c => Sentences(c.Text)).ToList();
        Assert.Equal(40, sentences.Count);
        Assert.Equal(sentences.Distinct(), sentences);
    }

    [Fact]
    public void A_sentence_longer_than_a_chunk_is_split_between_words()
    {
        var words = Enumerable.Range(0, 300).Select(i => $"word{i}").ToList();
        var document = new ExtractedDocument([new TextBlock(string.Join(" ", words) + ".", [])]);

        var chunks = _chunker.Chunk(document, new ChunkingOptions(MaxTokens: 64, OverlapTokens: 0));

        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c => Assert.InRange(c.TokenCount, 1, 80));
        Assert.Equal(words, chunks.SelectMany(c => c.Text.TrimEnd('.').Split(' ')));
    }

    [Fact]
    public void A_tiny_last_piece_of_a_section_joins_the_chunk_before_it()
    {
        var options = new ChunkingOptions(MaxTokens: 64, OverlapTokens: 0);
        var body = Block("body", 6);
        var bodyTokens = _tokens.Count(body.Text);
        Assert.InRange(bodyTokens, 48, 64);

        var chunks = _chunker.Chunk(new ExtractedDocument([body, Block("tail", 1)]), options);

        var chunk = Assert.Single(chunks);
        Assert.EndsWith(Block("tail", 1).Text, chunk.Text);
        Assert.InRange(chunk.TokenCount, options.MaxTokens, options.MaxTokens * 5 / 4);
    }

    [Fact]
    public void Chunking_is_deterministic()
    {
        var document = new ExtractedDocument([Block("alpha", 25), Block("beta", 3, ["B"]), Block("gamma", 17, ["B"])]);
        var options = new ChunkingOptions(MaxTokens: 64, OverlapTokens: 16);

        Assert.Equal(Describe(_chunker.Chunk(document, options)), Describe(_chunker.Chunk(document, options)));
    }

    [Theory]
    [InlineData("第{0}句话讲的是北京的历史和文化。", "")]
    [InlineData("東京の第{0}の話は長い歴史についてです。", "")]
    [InlineData("ประโยคที่{0}เล่าเรื่องกรุงเทพ", " ")]
    public void Text_in_scripts_without_spaces_is_chunked_at_sentence_ends(string sentence, string separator)
    {
        var sentences = Enumerable.Range(1, 60).Select(i => string.Format(sentence, i)).ToList();
        var document = new ExtractedDocument([new TextBlock(string.Join(separator, sentences), ["Doc"])]);

        var chunks = _chunker.Chunk(document, new ChunkingOptions(MaxTokens: 64, OverlapTokens: 0));

        Assert.True(chunks.Count > 3);
        Assert.All(chunks, c => Assert.InRange(c.TokenCount, 1, 64 * 5 / 4));
        Assert.All(chunks.SelectMany(c => c.Text.Split(' ')), piece => Assert.Contains(piece, sentences));
    }

    [Fact]
    public void An_empty_document_gives_no_chunks() =>
        Assert.Empty(_chunker.Chunk(new ExtractedDocument([new TextBlock("  ", []), new TextBlock("", ["A"])]), new ChunkingOptions()));

    [Theory]
    [InlineData(BotLimits.MinChunkTokens - 1, 0)]
    [InlineData(BotLimits.MaxChunkTokens + 1, 0)]
    [InlineData(160, -1)]
    [InlineData(160, 80)]
    public void Options_out_of_range_are_refused(int maxTokens, int overlapTokens) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _chunker.Chunk(new ExtractedDocument([]), new ChunkingOptions(maxTokens, overlapTokens)));

    // About ten tokens a sentence, each sentence unique.
    private static TextBlock Block(string topic, int sentences, string[]? headings = null, int? page = null) =>
        new(string.Join(" ", Enumerable.Range(1, sentences).Select(i => $"Sentence {i} about {topic} says a little more.")),
            headings ?? ["Doc"], page);

    private static List<string> Sentences(string text) => SentenceSplitter.Split(text);

    private static IEnumerable<string> Describe(IEnumerable<TextChunk> chunks) =>
        chunks.Select(c => $"{c.Ordinal}|{c.Text}|{c.TokenCount}|{string.Join('/', c.HeadingPath)}|{c.Page}");
}
