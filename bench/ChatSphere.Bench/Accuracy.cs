namespace ChatSphere.Bench;

/// <summary>Top-k retrieval accuracy, and at <paramref name="ContextK"/> chunks (about 500 words of context).</summary>
internal sealed record Accuracy(double At1, double At3, double At5, double At10, int ContextK, double AtContext)
{
    public const int ContextWords = 500;

    public static Accuracy Of(int[][] rankings, Corpus corpus, IReadOnlyList<SquadQuestion> questions)
    {
        var contextK = Math.Max(1, (int)Math.Round(ContextWords / corpus.MeanWords));
        var deepest = Math.Max(10, contextK);
        var hits = new int[deepest + 1];
        for (var q = 0; q < questions.Count; q++)
        {
            var ranked = rankings[q];
            for (var rank = 0; rank < Math.Min(deepest, ranked.Length); rank++)
            {
                if (Squad.Contains(corpus.Chunks[ranked[rank]].PaddedNormalised, questions[q]))
                {
                    hits[rank + 1]++;
                    break;
                }
            }
        }

        // hits[r] counts questions first answered at rank r; accuracy at k sums ranks 1..k.
        double At(int k) => 100.0 * hits.Take(k + 1).Sum() / questions.Count;
        return new Accuracy(At(1), At(3), At(5), At(10), contextK, At(contextK));
    }

    public string Row() => $"{At1,5:F1} | {At3,5:F1} | {At5,5:F1} | {At10,5:F1} | {ContextK,3} | **{AtContext:F1}**";
}
