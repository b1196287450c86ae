using Microsoft.Extensions.AI;

namespace ChatSphere.Bench;

/// <summary>The ranked lists each retriever gives every question over one corpus, analysed in one language (null: unknown).</summary>
internal sealed class Legs(Corpus corpus, IReadOnlyList<SquadQuestion> questions, int threads, string? language = null)
{
    private readonly LexicalIndex _lexical = new(corpus.Chunks.Select(c => c.Indexed), language);

    public int[][] Bm25(double k1 = 0.9, double b = 0.4) =>
        Rank((q, scores) => _lexical.Bm25(_lexical.Query(questions[q].Text), scores, k1, b), positiveOnly: true);

    public int[][] TsRank(bool all, bool byLength = true) =>
        Rank((q, scores) => _lexical.TsRank(_lexical.Query(questions[q].Text), scores, all, byLength), positiveOnly: true);

    public int[][] Dense(IEmbeddingGenerator<string, Embedding<float>> generator, float[][] questionVectors, int dimensions)
    {
        var index = DenseIndex.Build(generator, corpus.Chunks.Select(c => c.Indexed).ToList(), dimensions, language);
        return Dense(index, questionVectors);
    }

    public int[][] Dense(DenseIndex index, float[][] questionVectors) =>
        Rank((q, scores) => index.Score(questionVectors[q], scores), positiveOnly: false);

    public int[][] Fuse(double k, params (int[][] Rankings, double Weight)[] legs) =>
        Rank((q, scores) => Ranking.Fuse(legs.Select(l => (l.Rankings[q], l.Weight)), k, scores), positiveOnly: true);

    public Accuracy Score(int[][] rankings) => Accuracy.Of(rankings, corpus, questions);

    private int[][] Rank(Action<int, float[]> score, bool positiveOnly)
    {
        var rankings = new int[questions.Count][];
        Parallel.For(0, questions.Count, new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => new float[corpus.Chunks.Count],
            (q, _, scores) =>
            {
                score(q, scores);
                rankings[q] = Ranking.Top(scores, Ranking.Depth, positiveOnly);
                return scores;
            },
            _ => { });
        return rankings;
    }
}
