using ChatSphere.Core.Data;

namespace ChatSphere.Core.Ingestion;

/// <summary>
/// Which of a bot's own indexes (<see cref="BotIndexNames"/>) to build and which to drop, from its chunk counts: built at
/// the threshold (counted per dimension for the vector ones), kept until the bot falls below half of it, so a bot
/// hovering around the threshold does not rebuild each time a document comes and goes.
/// </summary>
/// <param name="Create">Dimensions of the HNSW indexes to build, then null for the full-text one.</param>
public sealed record BotIndexPlan(IReadOnlyList<int?> Create, IReadOnlyList<string> Drop)
{
    public bool IsEmpty => Create.Count == 0 && Drop.Count == 0;

    /// <param name="repairInvalid">
    /// Drop and rebuild an index a failed build left invalid. Only the job that holds the bot's lock may say so: for
    /// anyone else an invalid index may be one that a running build has not finished.
    /// </param>
    public static BotIndexPlan For(
        Guid botId, IReadOnlyDictionary<int, long> counts, IReadOnlyList<(string Name, bool Valid)> indexes, int threshold, bool repairInvalid)
    {
        var total = counts.Values.Sum();
        var wanted = counts.Where(c => c.Value >= threshold && c.Key <= VectorIndexes.MaxIndexedDimensions)
            .Select(c => (int?)c.Key).Order().ToList();
        if (total >= threshold)
        {
            wanted.Add(null);
        }

        var (present, drop) = (new HashSet<int?>(), new List<string>());
        foreach (var (name, valid) in indexes)
        {
            var (ours, dimensions) = BotIndexNames.Parse(botId, name);
            if (!ours)
            {
                continue;
            }

            var count = dimensions is { } d ? counts.GetValueOrDefault(d) : total;
            if ((!valid && repairInvalid) || count < (threshold + 1) / 2)
            {
                drop.Add(name);
            }
            else
            {
                present.Add(dimensions);
            }
        }

        return new BotIndexPlan(wanted.Where(w => !present.Contains(w)).ToList(), drop);
    }
}
