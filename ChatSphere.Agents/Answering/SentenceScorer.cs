namespace ChatSphere.Agents.Answering;

/// <summary>
/// Scores candidate sentences against a question: BM25 with document frequencies counted over the candidates
/// themselves (no corpus statistics), scaled up by query-term coverage and down by the source's rank.
/// </summary>
internal sealed class SentenceScorer(string[] query, IReadOnlyList<CandidateSentence> candidates, AnswerScoring scoring)
{
    public double[] Scores()
    {
        var meanLength = Math.Max(1, candidates.Average(c => c.Terms.Count));
        var idf = query.ToDictionary(t => t, t => Idf(candidates.Count(c => c.Terms.Contains(t))), StringComparer.Ordinal);
        var scores = new double[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            var terms = candidates[i].Terms;
            var norm = scoring.K1 * (1 - scoring.B + (scoring.B * terms.Count / meanLength));
            var bm25 = 0.0;
            var matched = 0;
            foreach (var term in query)
            {
                var tf = terms.Count(t => t == term);
                if (tf > 0)
                {
                    bm25 += idf[term] * tf * (scoring.K1 + 1) / (tf + norm);
                    matched++;
                }
            }

            var coverage = 1 + (scoring.Coverage * matched / query.Length);
            scores[i] = bm25 * coverage / (1 + (scoring.RankDecay * candidates[i].Rank));
        }

        return scores;
    }

    private double Idf(int containing) =>
        Math.Log(1 + ((candidates.Count - containing + 0.5) / (containing + 0.5)));
}
