namespace ChatSphere.Agents.Retrieval;

/// <summary>
/// Weighted reciprocal rank fusion: a candidate scores weight / (k + rank) in each leg that found it, summed. The
/// sum is scaled by the best possible one (first in every leg given, empty legs included), so a threshold means the
/// same whether or not a leg found anything. A pure function: the ranking in, the fused ranking out.
/// </summary>
public static class RankFusion
{
    /// <param name="k">Damps the top places: the larger, the less rank 1 beats rank 2.</param>
    /// <param name="threshold">Scaled scores below it are dropped; null keeps all.</param>
    /// <returns>
    /// At most <paramref name="top"/> candidates, best first. Equal scores keep the order the legs first listed them in
    /// (earlier leg, then better rank). A candidate listed twice in one leg counts once, at its better rank.
    /// </returns>
    public static List<FusedRank> Fuse(IReadOnlyList<RankedLeg> legs, int k, int top, double? threshold = null)
    {
        var best = 0.0;
        foreach (var leg in legs)
        {
            best += leg.Weight;
        }

        best /= k + 1;
        var order = new Dictionary<Guid, int>();
        var fused = new List<(Guid Id, double Score, int?[] Ranks)>();
        for (var l = 0; l < legs.Count; l++)
        {
            for (var i = 0; i < legs[l].Ids.Count; i++)
            {
                var id = legs[l].Ids[i];
                if (!order.TryGetValue(id, out var at))
                {
                    order[id] = at = fused.Count;
                    fused.Add((id, 0.0, new int?[legs.Count]));
                }

                var (_, score, ranks) = fused[at];
                if (ranks[l] is null)
                {
                    ranks[l] = i + 1;
                    fused[at] = (id, score + legs[l].Weight / (k + i + 1), ranks);
                }
            }
        }

        return fused
            .Select(f => new FusedRank(f.Id, f.Score / best, f.Ranks))
            .Where(f => threshold is null || f.Score >= threshold)
            .OrderByDescending(f => f.Score)
            .Take(top)
            .ToList();
    }
}
