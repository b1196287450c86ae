using ChatSphere.Agents.Embeddings;

namespace ChatSphere.Agents.Answering;

/// <summary>
/// The offline answerer used when no model is configured: quotes the sentences of the retrieved chunks that best
/// match the question (BM25 over the candidate sentences, query-term coverage, source rank), with citation markers.
/// Question and sentences are analysed alike (<see cref="TextAnalyzer"/>), so it works in any script; headings and
/// table headers are never quoted and table rows are read as text (<see cref="QuotableText"/>).
/// </summary>
public sealed class ExtractiveAnswerer
{
    private readonly AnswerScoring _scoring;

    /// <summary>An answerer with the scoring tuned on SQuAD (bench/TUNING.md, "Offline answerer").</summary>
    public ExtractiveAnswerer()
        : this(AnswerScoring.Default)
    {
    }

    // Not a primary constructor: only the benchmark picks the scoring, so this one stays internal.
    internal ExtractiveAnswerer(AnswerScoring scoring) => _scoring = scoring;

    /// <summary>
    /// Quotes up to <paramref name="maxSentences"/> sentences of <paramref name="sources"/> (best-ranked first),
    /// most relevant first; <see cref="ExtractiveAnswer.None"/> when no sentence shares a word with the question.
    /// Deterministic.
    /// </summary>
    /// <param name="language">The question's ISO 639-1 code, or null when unknown (<see cref="TextAnalyzer.IsEnglish"/>).</param>
    public ExtractiveAnswer Answer(string question, IReadOnlyList<AnswerSource> sources, int maxSentences = 2, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSentences, 1);

        var query = TextAnalyzer.Terms(question, language).Distinct().ToArray();
        var candidates = Candidates(sources, language);
        if (query.Length == 0 || candidates.Count == 0)
        {
            return ExtractiveAnswer.None;
        }

        var scores = new SentenceScorer(query, candidates, _scoring).Scores();
        var picked = Pick(query, candidates, scores, maxSentences);
        if (picked.Count == 0)
        {
            return ExtractiveAnswer.None;
        }

        var text = string.Join(' ', picked.Select(c => $"\u201C{c.Text}\u201D [{c.Marker}]"));
        return new ExtractiveAnswer(text, picked.Select(c => c.Marker).Distinct().ToList());
    }

    private List<CandidateSentence> Pick(string[] query, List<CandidateSentence> candidates, double[] scores, int max)
    {
        // Best first; ties go to the better-ranked source, then to reading order, so the reply is deterministic.
        var order = Enumerable.Range(0, candidates.Count).Where(i => scores[i] > 0)
            .OrderByDescending(i => scores[i]).ThenBy(i => i).ToList();
        var picked = new List<CandidateSentence>();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var i in order)
        {
            if (picked.Count == max || (picked.Count > 0 && scores[i] < _scoring.SecondRatio * scores[order[0]]))
            {
                break;
            }

            // A further sentence must bring a query term the reply does not have yet, or it only repeats.
            var matched = query.Where(t => candidates[i].Terms.Contains(t)).ToList();
            if (picked.Count == 0 || matched.Any(t => !covered.Contains(t)))
            {
                picked.Add(candidates[i]);
                covered.UnionWith(matched);
            }
        }

        return picked;
    }

    internal static List<CandidateSentence> Candidates(IReadOnlyList<AnswerSource> sources, string? language)
    {
        var candidates = new List<CandidateSentence>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var rank = 0; rank < sources.Count; rank++)
        {
            foreach (var text in QuotableText.Of(sources[rank]))
            {
                // Overlapping chunks repeat sentences: keep the copy from the better-ranked source.
                if (seen.Add(text))
                {
                    candidates.Add(new CandidateSentence(text, sources[rank].Marker, rank, TextAnalyzer.Terms(text, language)));
                }
            }
        }

        return candidates;
    }
}
