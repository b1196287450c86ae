namespace ChatSphere.Core.Data;

/// <summary>How a search's vector leg reads the bot's rows.</summary>
public enum VectorScan
{
    /// <summary>Distances to every row of the bot: small bots, and perfect recall.</summary>
    Exact,

    /// <summary>The bot's own partial HNSW index (<see cref="BotIndexNames.Vector"/>): only its rows.</summary>
    BotIndex,

    /// <summary>The HNSW index of every bot's rows of that dimension, with the bot filtered after it.</summary>
    SharedIndex,
}
