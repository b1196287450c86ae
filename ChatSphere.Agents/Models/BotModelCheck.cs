using System.ComponentModel.DataAnnotations;
using ChatSphere.Core.Bots;
using ChatSphere.Core.Domain;
using Microsoft.Extensions.Options;

namespace ChatSphere.Agents.Models;

/// <summary>
/// The checks of a bot's settings that need this site's models and limits, after <see cref="BotSettings.Validate"/>:
/// a chat or embedding model must be one the <see cref="ModelCatalog"/> offers, and the answer length is held to
/// <see cref="ModelOptions.MaxAnswerTokens"/>. Errors name the property, like BotSettings' own.
/// </summary>
public sealed class BotModelCheck(ModelCatalog catalog, IOptions<ModelOptions> options)
{
    /// <summary>An error lists this many offered models at most; the settings page shows them all.</summary>
    public const int NamesInMessage = 20;

    /// <summary>
    /// A model the bot already has is not checked again (an Admin may have narrowed the list since): only a change is
    /// a choice. Empty means the configured default, which is always offered.
    /// </summary>
    public async Task<List<ValidationResult>> CheckAsync(BotSettings settings, Bot? current, CancellationToken cancellationToken)
    {
        var errors = new List<ValidationResult>();
        var chat = Chosen(settings.ChatModel, current?.ChatModel);
        var embedding = Chosen(settings.EmbeddingModel, current?.EmbeddingModel);
        if (chat is not null || embedding is not null)
        {
            var offered = await catalog.GetAsync(cancellationToken);
            if (chat is not null && !offered.Chat.Contains(chat))
            {
                errors.Add(new(offered.Offline
                    ? "No model key is configured, so the only chat model is the offline answerer: leave the chat model empty."
                    : $"The chat model '{chat}' is not offered here. Chat models offered: {Names(offered.Chat)}.", [nameof(BotSettings.ChatModel)]));
            }

            if (embedding is not null && !offered.Embedding.Contains(embedding))
            {
                errors.Add(new(
                    $"The embedding model '{embedding}' is not offered here. Embedding models offered: {Names(offered.Embedding)}.",
                    [nameof(BotSettings.EmbeddingModel)]));
            }
        }

        // Beyond BotLimits' bounds BotSettings has said so already.
        var max = options.Value.MaxAnswerTokens;
        if (settings.MaxAnswerTokens is > 0 and var tokens && tokens > max && tokens <= BotLimits.MaxAnswerTokens)
        {
            errors.Add(new($"The maximum answer length must be {BotLimits.MinAnswerTokens} to {max} tokens.", [nameof(BotSettings.MaxAnswerTokens)]));
        }

        return errors;
    }

    /// <summary>The model named when it is a new choice (not empty, not the bot's own, not too long to be checked at all).</summary>
    private static string? Chosen(string? value, string? current) =>
        value?.Trim() is { Length: > 0 and <= BotLimits.ModelIdMaxLength } name && name != current ? name : null;

    private static string Names(IReadOnlyList<string> names) =>
        string.Join(", ", names.Take(NamesInMessage)) + (names.Count > NamesInMessage ? $" and {names.Count - NamesInMessage} more" : "");
}
