using System.Collections.Frozen;

namespace ChatSphere.Agents.Embeddings;

/// <summary>
/// Stems of content words so frequent in English prose that they say little about a passage's topic. With no
/// corpus to learn rarity from, the offline embedder turns these down instead.
/// </summary>
internal static class CommonWords
{
    public static readonly FrozenSet<string> Stems = FrozenSet.ToFrozenSet(
    [
        "on", "two", "three", "first", "second", "new", "us", "mani", "much", "call", "known", "name", "year",
        "time", "make", "made", "number", "part", "well", "even", "like", "get", "take", "becom", "see", "larg",
        "often", "mean", "includ", "gener", "differ", "follow", "usual", "sever", "form", "type", "place",
        "last", "small", "high", "long", "great", "state", "develop", "result", "refer", "base", "term", "consid",
    ]);
}
