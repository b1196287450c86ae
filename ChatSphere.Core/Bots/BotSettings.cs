using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Ingestion.Chunking;
using ChatSphere.Core.Languages;

namespace ChatSphere.Core.Bots;

/// <summary>
/// A bot's settings in the one shape the API reads as JSON, the settings page binds as its form and
/// <see cref="BotService"/> applies. A null field is left as it is (or takes the default, on create); a form's empty
/// text box arrives as "" (clear), not null. Validated as an <see cref="IValidatableObject"/>: by MVC when a page binds
/// it, by <see cref="Validate"/> elsewhere; errors name the property, so each lands beside its own field.
/// </summary>
public sealed class BotSettings : IValidatableObject
{
    private static readonly object CurrentBot = new();

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string? Name { get; set; }

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string? Instructions { get; set; }

    /// <summary>The chat model id, "model" on the wire; "" means the configured default.</summary>
    [JsonPropertyName("model")]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string? ChatModel { get; set; }

    public float? Temperature { get; set; }

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string? WelcomeMessage { get; set; }

    public TextLines? SuggestedQuestions { get; set; }

    public bool? GroundedOnly { get; set; }

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string? FallbackMessage { get; set; }

    public TextLines? AllowedOrigins { get; set; }

    /// <summary>"" means the configured default.</summary>
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string? EmbeddingModel { get; set; }

    public int? ChunkMaxTokens { get; set; }

    public int? ChunkOverlapTokens { get; set; }

    /// <summary>0 removes the threshold.</summary>
    public float? ScoreThreshold { get; set; }

    public int? MaxAnswerTokens { get; set; }

    public int? RetrievalTop { get; set; }

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string? WidgetColor { get; set; }

    /// <summary>"" shows the bot's name.</summary>
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string? WidgetTitle { get; set; }

    public WidgetPosition? WidgetPosition { get; set; }

    public int? DailyTokenBudget { get; set; }

    /// <summary>ISO 639-1 code of the bot's documents (those without their own); "" detects each document's language.</summary>
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string? DocumentLanguage { get; set; }

    /// <summary>Every setting of the bot, as the settings page shows them.</summary>
    public static BotSettings From(Bot bot) => new()
    {
        Name = bot.Name, Instructions = bot.Instructions, ChatModel = bot.ChatModel, Temperature = bot.Temperature,
        WelcomeMessage = bot.WelcomeMessage, SuggestedQuestions = new(bot.SuggestedQuestions), GroundedOnly = bot.GroundedOnly,
        FallbackMessage = bot.FallbackMessage, AllowedOrigins = new(bot.AllowedOrigins), EmbeddingModel = bot.EmbeddingModel,
        ChunkMaxTokens = bot.ChunkMaxTokens, ChunkOverlapTokens = bot.ChunkOverlapTokens, ScoreThreshold = bot.ScoreThreshold,
        MaxAnswerTokens = bot.MaxAnswerTokens, RetrievalTop = bot.RetrievalTop, WidgetColor = bot.WidgetColor,
        WidgetTitle = bot.WidgetTitle, WidgetPosition = bot.WidgetPosition, DailyTokenBudget = bot.DailyTokenBudget,
        DocumentLanguage = bot.DocumentLanguage ?? "",
    };

    /// <summary>
    /// The errors, each naming its property. Without <paramref name="current"/> the settings describe a bot on their
    /// own (a new one, or a whole form), so a name is required; with it they change that bot, whose stored chunk size
    /// then bounds an overlap given alone (a new bot's is the default size).
    /// </summary>
    public List<ValidationResult> Validate(Bot? current = null)
    {
        var errors = new List<ValidationResult>();
        var context = new ValidationContext(this, current is null ? null : new Dictionary<object, object?> { [CurrentBot] = current });
        Validator.TryValidateObject(this, context, errors, validateAllProperties: true);
        return errors;
    }

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext context) =>
        Rules(context.Items.TryGetValue(CurrentBot, out var current) ? (Bot?)current : null);

    private IEnumerable<ValidationResult> Rules(Bot? current)
    {
        if (string.IsNullOrWhiteSpace(Name) && (Name is not null || current is null))
        {
            yield return Error("Give the bot a name.", nameof(Name));
        }
        else if (Name?.Trim().Length > BotLimits.NameMaxLength)
        {
            yield return Error($"The name must be 1 to {BotLimits.NameMaxLength} characters.", nameof(Name));
        }

        if (Instructions is { Length: > BotLimits.InstructionsMaxLength })
        {
            yield return Error($"Instructions can be at most {BotLimits.InstructionsMaxLength} characters.", nameof(Instructions));
        }

        if (ChatModel is { Length: > BotLimits.ModelIdMaxLength })
        {
            yield return Error($"The model id can be at most {BotLimits.ModelIdMaxLength} characters.", nameof(ChatModel));
        }

        if (Temperature is < BotLimits.MinTemperature or > BotLimits.MaxTemperature)
        {
            yield return Error($"The field Temperature must be between {BotLimits.MinTemperature} and {BotLimits.MaxTemperature}.", nameof(Temperature));
        }

        if (WelcomeMessage is { Length: > BotLimits.MessageMaxLength })
        {
            yield return Error($"The welcome message can be at most {BotLimits.MessageMaxLength} characters.", nameof(WelcomeMessage));
        }

        if (SuggestedQuestions is { } questions && (questions.Count > BotLimits.MaxSuggestedQuestions ||
            questions.Any(q => string.IsNullOrWhiteSpace(q) || q.Length > BotLimits.QuestionMaxLength)))
        {
            yield return Error(
                $"Up to {BotLimits.MaxSuggestedQuestions} questions of 1 to {BotLimits.QuestionMaxLength} characters.", nameof(SuggestedQuestions));
        }

        if (FallbackMessage is not null && FallbackMessage.Trim().Length == 0)
        {
            yield return Error("Say what the bot answers when the documents do not have it.", nameof(FallbackMessage));
        }
        else if (FallbackMessage?.Trim().Length > BotLimits.MessageMaxLength)
        {
            yield return Error($"The fallback message must be 1 to {BotLimits.MessageMaxLength} characters.", nameof(FallbackMessage));
        }

        if (EmbeddingModel is { Length: > BotLimits.ModelIdMaxLength })
        {
            yield return Error($"The embedding model id can be at most {BotLimits.ModelIdMaxLength} characters.", nameof(EmbeddingModel));
        }

        if (ChunkMaxTokens is < BotLimits.MinChunkTokens or > BotLimits.MaxChunkTokens)
        {
            yield return Error($"Chunk size must be {BotLimits.MinChunkTokens} to {BotLimits.MaxChunkTokens} tokens.", nameof(ChunkMaxTokens));
        }

        if (ChunkOverlapTokens is < 0 ||
            (ChunkOverlapTokens is { } overlap && overlap * 2 >= (ChunkMaxTokens ?? current?.ChunkMaxTokens ?? ChunkingOptions.DefaultMaxTokens)))
        {
            yield return Error("Overlap must be 0 or more and less than half the chunk size.", nameof(ChunkOverlapTokens));
        }

        if (MaxAnswerTokens is < BotLimits.MinAnswerTokens or > BotLimits.MaxAnswerTokens)
        {
            yield return Error(
                $"The maximum answer length must be {BotLimits.MinAnswerTokens} to {BotLimits.MaxAnswerTokens} tokens.", nameof(MaxAnswerTokens));
        }

        if (RetrievalTop is < BotLimits.MinRetrievalTop or > BotLimits.MaxRetrievalTop)
        {
            yield return Error($"Retrieve {BotLimits.MinRetrievalTop} to {BotLimits.MaxRetrievalTop} chunks per question.", nameof(RetrievalTop));
        }

        if (ScoreThreshold is < BotLimits.MinScoreThreshold or > BotLimits.MaxScoreThreshold)
        {
            yield return Error(
                $"The score threshold must be between {BotLimits.MinScoreThreshold} and {BotLimits.MaxScoreThreshold}.", nameof(ScoreThreshold));
        }

        if (WidgetColor is not null && WidgetColor.Trim().Length == 0)
        {
            yield return Error("Choose the widget's colour.", nameof(WidgetColor));
        }
        else if (WidgetColor is not null && !IsHexColour(WidgetColor.Trim()))
        {
            yield return Error("The widget colour must be a hex colour like #2563eb.", nameof(WidgetColor));
        }

        if (WidgetTitle is { Length: > BotLimits.NameMaxLength })
        {
            yield return Error($"The widget title has a maximum length of {BotLimits.NameMaxLength} characters.", nameof(WidgetTitle));
        }

        if (WidgetPosition is { } position && !Enum.IsDefined(position))
        {
            yield return Error("The widget sits bottom right or bottom left.", nameof(WidgetPosition));
        }

        if (DailyTokenBudget is < BotLimits.MinDailyTokenBudget or > BotLimits.MaxDailyTokenBudget)
        {
            yield return Error(
                $"Daily token budget must be between {BotLimits.MinDailyTokenBudget} and {BotLimits.MaxDailyTokenBudget} tokens.", nameof(DailyTokenBudget));
        }

        if (DocumentLanguage is { Length: > 0 } language && !KnownLanguages.IsKnown(language.Trim()))
        {
            yield return Error(KnownLanguages.Unknown(language), nameof(DocumentLanguage));
        }

        var badOrigins = AllowedOrigins?.Where(o => AllowedOrigin.Normalise(o) is null).ToList() ?? [];
        if (badOrigins.Count > 0)
        {
            yield return Error(
                $"Not a site origin (scheme://host[:port], http or https, no path): {string.Join(", ", badOrigins)}", nameof(AllowedOrigins));
        }
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
        bot.DocumentLanguage = DocumentLanguage is null ? bot.DocumentLanguage : DocumentLanguage.Trim() is "" ? null : DocumentLanguage.Trim();
    }

    private static ValidationResult Error(string message, string property) => new(message, [property]);

    private static bool IsHexColour(string value) =>
        value.Length == 7 && value[0] == '#' && value[1..].All(char.IsAsciiHexDigit);
}
