namespace ChatSphere.Agents.Answering;

/// <summary>The knobs of sentence scoring, kept apart so the benchmark can sweep them.</summary>
/// <param name="K1">BM25 term-frequency saturation.</param>
/// <param name="B">BM25 length normalisation, against the mean candidate sentence length.</param>
/// <param name="Coverage">Extra weight for the share of distinct query terms a sentence holds.</param>
/// <param name="RankDecay">How much each step down the source ranking divides a sentence's score.</param>
/// <param name="SecondRatio">A further sentence must score at least this share of the best one.</param>
internal sealed record AnswerScoring(double K1, double B, double Coverage, double RankDecay, double SecondRatio)
{
    public static AnswerScoring Default { get; } = new(K1: 1.2, B: 0.75, Coverage: 0.5, RankDecay: 0.3, SecondRatio: 0.5);
}
