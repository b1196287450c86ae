namespace ChatSphere.Bench;

/// <summary>Top-n selection (ties to the earlier chunk, so runs are deterministic) and reciprocal rank fusion.</summary>
internal static class Ranking
{
    public const int Depth = 100;

    /// <summary>The best <paramref name="n"/> chunks, best first; with <paramref name="positiveOnly"/>, only those that scored.</summary>
    public static int[] Top(float[] scores, int n, bool positiveOnly)
    {
        var top = new List<int>(n + 1);
        for (var i = 0; i < scores.Length; i++)
        {
            if ((positiveOnly && scores[i] <= 0) || (top.Count == n && scores[i] <= scores[top[^1]]))
            {
                continue;
            }

            var at = top.Count;
            while (at > 0 && scores[top[at - 1]] < scores[i])
            {
                at--;
            }

            top.Insert(at, i);
            if (top.Count > n)
            {
                top.RemoveAt(n);
            }
        }

        return [.. top];
    }

    /// <summary>Sum over legs of weight / (k + rank), rank counted from 1; a chunk missing from a leg gets nothing from it.</summary>
    public static void Fuse(IEnumerable<(int[] Ranked, double Weight)> legs, double k, float[] scores)
    {
        Array.Clear(scores);
        foreach (var (ranked, weight) in legs)
        {
            for (var rank = 0; rank < ranked.Length; rank++)
            {
                scores[ranked[rank]] += (float)(weight / (k + rank + 1));
            }
        }
    }
}
