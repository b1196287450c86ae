using ChatSphere.Core.Domain;
using ChatSphere.Core.Ingestion.Chunking;

namespace ChatSphere.Core.Bots;

/// <summary>Changes to a bot's settings; a null field is left as it is.</summary>
public sealed record BotSettings(
    string? Name = null,
    string? Instructions = null,
    string? ChatModel = null,
    float? Temperature = null,
    string? WelcomeMessage = null,
    List<string>? SuggestedQuestions = null,
    bool? GroundedOnly = null,
    string? FallbackMessage = null,
    List<string>? AllowedOrigins = null,
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
    public const int MinDailyTokenBudget = 1_000;
    public const int MaxDailyTokenBudget = 100_000_000;

    public const int MaxRetrievalTop = 20;

    public const int MaxInstructionsLength = 8000;
    public const int MaxSuggestedQuestions = 6;

    /// <summary>Errors keyed by camelCase field name, in the shape of a validation problem.</summary>
    public static Dictionary<string, string[]> Validate(BotSettings s, Bot? current = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (s.Name is not null && (s.Name.Trim().Length is 0 or > Bot.NameMaxLength))
        {
            errors["name"] = [$"The name must be 1 to {Bot.NameMaxLength} characters."];
        }

        if (s.Instructions is { Length: > MaxInstructionsLength })
        {
            errors["instructions"] = [$"Instructions can be at most {MaxInstructionsLength} characters."];
        }

        if (s.ChatModel is { Length: > 200 })
        {
            errors["model"] = ["The model id can be at most 200 characters."];
        }

        if (s.Temperature is < 0 or > 2)
        {
            errors["temperature"] = ["Temperature must be between 0 and 2."];
        }

        if (s.WelcomeMessage is { Length: > 1000 })
        {
            errors["welcomeMessage"] = ["The welcome message can be at most 1000 characters."];
        }

        if (s.SuggestedQuestions is { } questions &&
            (questions.Count > MaxSuggestedQuestions || questions.Any(q => string.IsNullOrWhiteSpace(q) || q.Length > 200)))
        {
            errors["suggestedQuestions"] = [$"Up to {MaxSuggestedQuestions} questions of 1 to 200 characters."];
        }

        if (s.FallbackMessage is not null && (s.FallbackMessage.Trim().Length is 0 or > 1000))
        {
            errors["fallbackMessage"] = ["The fallback message must be 1 to 1000 characters."];
        }

        if (s.EmbeddingModel is { Length: > 200 })
        {
            errors["embeddingModel"] = ["The embedding model id can be at most 200 characters."];
        }

        if (s.ChunkMaxTokens is < ChunkingOptions.MinTokens or > ChunkingOptions.MaxTokensLimit)
        {
            errors["chunkMaxTokens"] = [$"Chunk size must be {ChunkingOptions.MinTokens} to {ChunkingOptions.MaxTokensLimit} tokens."];
        }

        if (s.ChunkOverlapTokens is < 0 || (s.ChunkOverlapTokens is { } overlap && overlap * 2 >= (s.ChunkMaxTokens ?? current?.ChunkMaxTokens ?? int.MaxValue)))
        {
            errors["chunkOverlapTokens"] = ["Overlap must be 0 or more and less than half the chunk size."];
        }

        if (s.MaxAnswerTokens is < 50 or > 8000)
        {
            errors["maxAnswerTokens"] = ["The maximum answer length must be 50 to 8000 tokens."];
        }

        if (s.RetrievalTop is < 1 or > MaxRetrievalTop)
        {
            errors["retrievalTop"] = [$"Retrieve 1 to {MaxRetrievalTop} chunks per question."];
        }

        if (s.ScoreThreshold is < 0 or > 1)
        {
            errors["scoreThreshold"] = ["The score threshold must be between 0 and 1."];
        }

        if (s.WidgetColor is not null && !IsHexColour(s.WidgetColor.Trim()))
        {
            errors["widgetColor"] = ["The widget colour must be a hex colour like #2563eb."];
        }

        if (s.WidgetTitle is { Length: > Bot.NameMaxLength })
        {
            errors["widgetTitle"] = [$"The widget title can be at most {Bot.NameMaxLength} characters."];
        }

        if (s.WidgetPosition is { } position && !Enum.IsDefined(position))
        {
            errors["widgetPosition"] = ["The widget sits bottom right or bottom left."];
        }

        if (s.DailyTokenBudget is < MinDailyTokenBudget or > MaxDailyTokenBudget)
        {
            errors["dailyTokenBudget"] = [$"The daily token budget must be {MinDailyTokenBudget:N0} to {MaxDailyTokenBudget:N0}."];
        }

        var badOrigins = s.AllowedOrigins?.Where(o => AllowedOrigin.Normalise(o) is null).ToList() ?? [];
        if (badOrigins.Count > 0)
        {
            errors["allowedOrigins"] =
                [$"Not a site origin (scheme://host[:port], http or https, no path): {string.Join(", ", badOrigins)}"];
        }

        return errors;
    }

    public void ApplyTo(Bot bot)
    {
        bot.Name = Name?.Trim() ?? bot.Name;
        bot.Instructions = Instructions ?? bot.Instructions;
        bot.ChatModel = ChatModel is null ? bot.ChatModel : ChatModel.Trim() is "" ? null : ChatModel.Trim();
        bot.Temperature = Temperature ?? bot.Temperature;
        bot.WelcomeMessage = WelcomeMessage ?? bot.WelcomeMessage;
        bot.SuggestedQuestions = SuggestedQuestions?.Select(q => q.Trim()).ToList() ?? bot.SuggestedQuestions;
        bot.GroundedOnly = GroundedOnly ?? bot.GroundedOnly;
        bot.FallbackMessage = FallbackMessage?.Trim() ?? bot.FallbackMessage;
        bot.AllowedOrigins = AllowedOrigins?.Select(o => AllowedOrigin.Normalise(o)!).Distinct().ToList() ?? bot.AllowedOrigins;
        bot.EmbeddingModel = EmbeddingModel is null ? bot.EmbeddingModel : EmbeddingModel.Trim() is "" ? null : EmbeddingModel.Trim();
        bot.ChunkMaxTokens = ChunkMaxTokens ?? bot.ChunkMaxTokens;
        bot.ChunkOverlapTokens = ChunkOverlapTokens ?? bot.ChunkOverlapTokens;
        bot.ScoreThreshold = ScoreThreshold is null ? bot.ScoreThreshold : ScoreThreshold <= 0 ? null : ScoreThreshold;
        bot.MaxAnswerTokens = MaxAnswerTokens ?? bot.MaxAnswerTokens;
        bot.RetrievalTop = RetrievalTop ?? bot.RetrievalTop;
        bot.WidgetColor = WidgetColor?.Trim().ToLowerInvariant() ?? bot.WidgetColor;
        bot.WidgetTitle = WidgetTitle is null ? bot.WidgetTitle : WidgetTitle.Trim() is "" ? null : WidgetTitle.Trim();
        bot.WidgetPosition = WidgetPosition ?? bot.WidgetPosition;
        bot.DailyTokenBudget = DailyTokenBudget ?? bot.DailyTokenBudget;
    }

    private static bool IsHexColour(string value) =>
        value.Length == 7 && value[0] == '#' && value[1..].All(char.IsAsciiHexDigit);
}
