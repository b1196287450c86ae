using System.Globalization;

namespace ChatSphere.Core.Data;

/// <summary>
/// Names of a large bot's own partial indexes on the chunks: one HNSW index per vector dimension and one GIN index on its
/// full-text vectors. The name carries the bot and the dimension, so the catalog alone says which exist (63 bytes at most:
/// these are 51).
/// </summary>
public static class BotIndexNames
{
    /// <summary>What every bot's own index name starts with.</summary>
    public const string CommonPrefix = "IX_Chunks_Bot_";

    private const string TextSuffix = "text";

    public static string Prefix(Guid botId) => $"{CommonPrefix}{botId:N}_";

    /// <summary>The bot whose own index this is, if it is one.</summary>
    public static Guid? BotOf(string name) =>
        name.StartsWith(CommonPrefix, StringComparison.Ordinal) && name.Length > CommonPrefix.Length + 32
        && Guid.TryParseExact(name.AsSpan(CommonPrefix.Length, 32), "N", out var botId) ? botId : null;

    public static string Vector(Guid botId, int dimensions) => Prefix(botId) + dimensions.ToString(CultureInfo.InvariantCulture);

    public static string Text(Guid botId) => Prefix(botId) + TextSuffix;

    /// <summary>What an index of the bot indexes: its vectors of some dimension, its full text (Dimensions null), or not one of ours.</summary>
    public static (bool Ours, int? Dimensions) Parse(Guid botId, string name)
    {
        if (!name.StartsWith(Prefix(botId), StringComparison.Ordinal))
        {
            return (false, null);
        }

        var rest = name[Prefix(botId).Length..];
        if (rest == TextSuffix)
        {
            return (true, null);
        }

        return int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var dimensions) && dimensions > 0
            ? (true, dimensions)
            : (false, null);
    }
}
