using ChatSphere.Core.Domain;

namespace ChatSphere.Web.Bots;

public sealed record BotResponse(
    Guid Id,
    string Name,
    string Instructions,
    string? Model,
    float Temperature,
    string WelcomeMessage,
    List<string> SuggestedQuestions,
    bool GroundedOnly,
    string FallbackMessage,
    string PublicKey,
    List<string> AllowedOrigins,
    string? EmbeddingModel,
    string? ActiveEmbeddingModel,
    int ChunkMaxTokens,
    int ChunkOverlapTokens,
    float? ScoreThreshold,
    int MaxAnswerTokens,
    int RetrievalTop,
    string WidgetColor,
    string? WidgetTitle,
    WidgetPosition WidgetPosition,
    bool HasWidgetAvatar,
    int DailyTokenBudget,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? DocumentLanguage)
{
    public static BotResponse From(Bot bot) => new(
        bot.Id, bot.Name, bot.Instructions, bot.ChatModel, bot.Temperature, bot.WelcomeMessage, bot.SuggestedQuestions,
        bot.GroundedOnly, bot.FallbackMessage, bot.PublicKey, bot.AllowedOrigins, bot.EmbeddingModel, bot.ActiveEmbeddingModel,
        bot.ChunkMaxTokens, bot.ChunkOverlapTokens, bot.ScoreThreshold, bot.MaxAnswerTokens, bot.RetrievalTop,
        bot.WidgetColor, bot.WidgetTitle, bot.WidgetPosition, bot.WidgetAvatarUpdatedAt is not null, bot.DailyTokenBudget, bot.CreatedAt, bot.UpdatedAt,
        bot.DocumentLanguage);
}
