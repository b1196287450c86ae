using ChatSphere.Core.Ingestion.Chunking;

namespace ChatSphere.Bench;

/// <summary>
/// The sweep behind bench/TUNING.md: chunk sizes and overlaps with every retriever, then, at the default chunking,
/// headings, embedder variants, fusion constants and BM25 parameters.
/// </summary>
internal sealed class Tuner(Squad squad, int threads, TextWriter output)
{
    private static readonly (int Max, int Overlap)[] _chunkings =
    [
        (96, 0), (96, 16), (128, 0), (128, 16), (128, 24), (128, 32), (160, 0), (160, 16), (160, 24), (160, 32),
        (200, 0), (200, 16), (200, 32), (256, 0), (256, 16), (256, 32), (320, 0), (320, 32),
    ];

    private readonly Chunker _chunker = new(TokenCounter.Shared);
    private readonly Dictionary<EmbedderVariant, float[][]> _questionVectors = [];

    public void Run(bool quick)
    {
        output.WriteLine("## Baseline check: 100-word passages, text only");
        output.WriteLine();
        Header("passages | words");
        var passages = Corpus.Passages(squad, 100);
        var baseline = new Legs(passages, squad.Questions, threads);
        Row($"{passages.Chunks.Count} | {passages.MeanWords:F0}", "BM25 k1=0.9 b=0.4", baseline.Score(baseline.Bm25()));
        Row($"{passages.Chunks.Count} | {passages.MeanWords:F0}", "BM25 k1=1.2 b=0.75", baseline.Score(baseline.Bm25(1.2, 0.75)));
        output.WriteLine();

        output.WriteLine("## Chunk size and overlap (headings indexed, hash-384; RRF k=60 and equal weights unless stated)");
        output.WriteLine();
        Header("max tokens | overlap | chunks | words");
        foreach (var (max, overlap) in quick ? _chunkings[5..8] : _chunkings)
        {
            var (corpus, legs) = Prepare(new ChunkingOptions(max, overlap), withHeadings: true);
            var key = $"{max} | {overlap} | {corpus.Chunks.Count} | {corpus.MeanWords:F0}";
            var bm25 = legs.Bm25();
            var dense = Dense(legs, EmbedderVariant.Default);
            var tsOr = legs.TsRank(all: false);
            var tsAnd = legs.TsRank(all: true);
            var hybrid = legs.Fuse(60, (bm25, 1), (dense, 1));
            Row(key, "BM25", legs.Score(bm25));
            Row(key, "hash-384", legs.Score(dense));
            Row(key, "RRF BM25 + hash", legs.Score(hybrid));
            Row(key, "RRF k=10 BM25 + hash x0.3", legs.Score(legs.Fuse(10, (bm25, 1), (dense, 0.3))));
            Row(key, "ts_rank OR", legs.Score(tsOr));
            Row(key, "RRF ts_rank OR + hash", legs.Score(legs.Fuse(60, (tsOr, 1), (dense, 1))));
            Row(key, "RRF k=10 ts_rank OR + hash x0.3", legs.Score(legs.Fuse(10, (tsOr, 1), (dense, 0.3))));
            Row(key, "ts_rank AND", legs.Score(tsAnd));
            Row(key, "RRF ts_rank AND + hash", legs.Score(legs.Fuse(60, (tsAnd, 1), (dense, 1))));
        }

        Details(new ChunkingOptions());
    }

    private void Details(ChunkingOptions options)
    {
        var key = $"{options.MaxTokens} | {options.OverlapTokens}";
        output.WriteLine();
        output.WriteLine($"## At {options.MaxTokens} tokens, overlap {options.OverlapTokens}: headings, embedder, fusion");
        output.WriteLine();
        Header("max tokens | overlap | words");

        var (plain, plainLegs) = Prepare(options, withHeadings: false);
        Row($"{key} | {plain.MeanWords:F0}", "BM25, text only", plainLegs.Score(plainLegs.Bm25()));
        Row($"{key} | {plain.MeanWords:F0}", "hash-384, text only", plainLegs.Score(Dense(plainLegs, EmbedderVariant.Default)));

        var (corpus, legs) = Prepare(options, withHeadings: true);
        key = $"{key} | {corpus.MeanWords:F0}";
        Row(key, "BM25 k1=1.2 b=0.75", legs.Score(legs.Bm25(1.2, 0.75)));
        var bm25 = legs.Bm25();
        var tsOr = legs.TsRank(all: false);
        var tsOrFlat = legs.TsRank(all: false, byLength: false);
        Row(key, "ts_rank OR, no length normalisation", legs.Score(tsOrFlat));
        Row(key, "RRF k=10 ts_rank OR, no length normalisation + hash x0.3",
            legs.Score(legs.Fuse(10, (tsOrFlat, 1), (Dense(legs, EmbedderVariant.Default), 0.3))));
        foreach (var variant in EmbedderVariant.Sweep)
        {
            var dense = Dense(legs, variant);
            Row(key, variant.Name, legs.Score(dense));
            Row(key, $"RRF BM25 + {variant.Name}", legs.Score(legs.Fuse(60, (bm25, 1), (dense, 1))));
            Row(key, $"RRF ts_rank OR + {variant.Name}", legs.Score(legs.Fuse(60, (tsOr, 1), (dense, 1))));
        }

        var hash = Dense(legs, EmbedderVariant.Default);
        foreach (var k in new[] { 10, 30, 60 })
        {
            foreach (var weight in new[] { 1, 0.5, 0.3 })
            {
                Row(key, $"RRF k={k} BM25 + hash x{weight}", legs.Score(legs.Fuse(k, (bm25, 1), (hash, weight))));
                Row(key, $"RRF k={k} ts_rank OR + hash x{weight}", legs.Score(legs.Fuse(k, (tsOr, 1), (hash, weight))));
            }
        }

        Row(key, "RRF BM25 + ts_rank OR + hash", legs.Score(legs.Fuse(60, (bm25, 1), (tsOr, 1), (hash, 1))));
    }

    private (Corpus Corpus, Legs Legs) Prepare(ChunkingOptions options, bool withHeadings)
    {
        var corpus = Corpus.Build(squad, _chunker, options, withHeadings);
        return (corpus, new Legs(corpus, squad.Questions, threads));
    }

    private int[][] Dense(Legs legs, EmbedderVariant variant)
    {
        if (!_questionVectors.TryGetValue(variant, out var vectors))
        {
            vectors = variant.Embed(squad.Questions.Select(q => q.Text));
            _questionVectors[variant] = vectors;
        }

        return legs.Dense(variant.Create(), vectors, variant.Dimensions);
    }

    private void Header(string key)
    {
        output.WriteLine($"| {key} | retriever | top-1 | top-3 | top-5 | top-10 | k | top-k ~500 words |");
        output.WriteLine($"|{string.Concat(Enumerable.Repeat("---|", key.Split('|').Length + 7))}");
    }

    private void Row(string key, string retriever, Accuracy accuracy)
    {
        output.WriteLine($"| {key} | {retriever} | {accuracy.Row()} |");
        output.Flush();
    }
}
