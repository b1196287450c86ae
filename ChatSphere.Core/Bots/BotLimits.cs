namespace ChatSphere.Core.Bots;

/// <summary>
/// The bounds of a bot's settings, in one place: <see cref="BotSettings"/> validates against them, the chunker and
/// the EF configuration hold to them, and the pages print them.
/// </summary>
public static class BotLimits
{
    public const int NameMaxLength = 100;
    public const int InstructionsMaxLength = 8000;
    public const int ModelIdMaxLength = 200;

    public const float MinTemperature = 0;
    public const float MaxTemperature = 2;

    /// <summary>The welcome and the "I don't know" messages.</summary>
    public const int MessageMaxLength = 1000;

    public const int MaxSuggestedQuestions = 6;
    public const int QuestionMaxLength = 200;

    /// <summary>Chunk sizes the chunker accepts; it also folds a last piece smaller than the minimum into the chunk before.</summary>
    public const int MinChunkTokens = 32;
    public const int MaxChunkTokens = 2000;

    public const int MinAnswerTokens = 50;
    public const int MaxAnswerTokens = 8000;

    public const int MinRetrievalTop = 1;
    public const int MaxRetrievalTop = 20;

    public const float MinScoreThreshold = 0;
    public const float MaxScoreThreshold = 1;

    public const int MinDailyTokenBudget = 1_000;
    public const int MaxDailyTokenBudget = 100_000_000;

    public const int WidgetAvatarMaxBytes = 256 * 1024;
}
