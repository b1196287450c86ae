namespace ChatSphere.Core.Ingestion.Chunking;

/// <summary>How a bot's documents are cut; per bot, with defaults chosen by the retrieval benchmark (bounds in <see cref="Bots.BotLimits"/>).</summary>
public sealed record ChunkingOptions(int MaxTokens = ChunkingOptions.DefaultMaxTokens, int OverlapTokens = ChunkingOptions.DefaultOverlapTokens)
{
    public const int DefaultMaxTokens = 160;
    public const int DefaultOverlapTokens = 16;
}
