using ChatSphere.Core.Bots;
using ChatSphere.Core.Domain;

namespace ChatSphere.Web.Bots;

/// <summary>A bot's settings as the API takes them; null means "leave as it is" (or the default, on create).</summary>
public sealed record BotRequest(
    string? Name,
    string? Instructions,
    string? Model,
    float? Temperature,
    string? WelcomeMessage,
    List<string>? SuggestedQuestions,
    bool? GroundedOnly,
    string? FallbackMessage,
    List<string>? AllowedOrigins,
    string? EmbeddingModel = null,
    int? ChunkMaxTokens = null,
    int? ChunkOverlapTokens = null,
    float? ScoreThreshold = null,
    int? MaxAnswerTokens = null,
    int? RetrievalTop = null,
    string? WidgetColor = null,
    string? WidgetTitle = null,
    WidgetPosition? WidgetPosition = null,
    int? DailyTokenBudget = null)
{
    public BotSettings ToSettings() => new(
        Name, Instructions, Model, Temperature, WelcomeMessage, SuggestedQuestions, GroundedOnly, FallbackMessage, AllowedOrigins,
        EmbeddingModel, ChunkMaxTokens, ChunkOverlapTokens, ScoreThreshold, MaxAnswerTokens, RetrievalTop,
        WidgetColor, WidgetTitle, WidgetPosition, DailyTokenBudget);
}
