using ChatSphere.Agents.Embeddings;

namespace ChatSphere.Bench;

/// <summary>
/// An inverted index over analysed chunk terms, scoring a query with BM25 or with a PostgreSQL
/// ts_rank look-alike (no corpus statistics, saturating term frequency, 1 + log(length) normalisation).
/// </summary>
internal sealed class LexicalIndex
{
    private readonly Dictionary<string, int> _ids = [];
    private readonly List<List<(int Chunk, int Tf)>> _postings = [];
    private readonly int[] _lengths;
    private readonly double _meanLength;

    private readonly string? _language;

    public LexicalIndex(IEnumerable<string> texts, string? language)
    {
        _language = language;
        var lengths = new List<int>();
        foreach (var text in texts)
        {
            var terms = TextAnalyzer.Terms(text, language);
            lengths.Add(terms.Count);
            foreach (var group in terms.GroupBy(t => t))
            {
                _postings[Id(group.Key, add: true)].Add((lengths.Count - 1, group.Count()));
            }
        }

        _lengths = [.. lengths];
        _meanLength = lengths.Average();
    }

    public int Count => _lengths.Length;

    /// <summary>The distinct term ids of a query; -1 stands for terms no chunk has.</summary>
    public int[] Query(string text) => TextAnalyzer.Terms(text, _language).Select(t => Id(t, add: false)).Distinct().ToArray();

    public void Bm25(int[] query, float[] scores, double k1, double b)
    {
        Array.Clear(scores);
        foreach (var term in query.Where(t => t >= 0))
        {
            var postings = _postings[term];
            var idf = Math.Log(1 + ((Count - postings.Count + 0.5) / (postings.Count + 0.5)));
            foreach (var (chunk, tf) in postings)
            {
                var norm = k1 * (1 - b + (b * _lengths[chunk] / _meanLength));
                scores[chunk] += (float)(idf * tf * (k1 + 1) / (tf + norm));
            }
        }
    }

    /// <summary>
    /// ts_rank-like: each matched query term adds 1 - 0.1^tf, divided by 1 + ln(length) when
    /// <paramref name="byLength"/> (ts_rank's normalization 1). With <paramref name="all"/>, only chunks
    /// holding every query term score (websearch_to_tsquery's AND).
    /// </summary>
    public void TsRank(int[] query, float[] scores, bool all, bool byLength = true)
    {
        Array.Clear(scores);
        var matched = all ? new int[Count] : null;
        foreach (var term in query.Where(t => t >= 0))
        {
            foreach (var (chunk, tf) in _postings[term])
            {
                scores[chunk] += (float)(1 - Math.Pow(0.1, tf));
                if (matched is not null)
                {
                    matched[chunk]++;
                }
            }
        }

        for (var chunk = 0; chunk < Count; chunk++)
        {
            var keep = scores[chunk] > 0 && (matched is null || matched[chunk] == query.Length);
            var norm = byLength ? 1 + Math.Log(Math.Max(_lengths[chunk], 1)) : 1;
            scores[chunk] = keep ? scores[chunk] / (float)norm : 0;
        }
    }

    private int Id(string term, bool add)
    {
        if (_ids.TryGetValue(term, out var id))
        {
            return id;
        }

        if (!add)
        {
            return -1;
        }

        _ids[term] = _postings.Count;
        _postings.Add([]);
        return _postings.Count - 1;
    }
}
