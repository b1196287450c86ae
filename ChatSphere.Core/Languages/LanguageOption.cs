using Microsoft.Extensions.AI;

namespace ChatSphere.Core.Languages;

/// <summary>
/// How a text's language (an ISO 639-1 code such as "en", "de", "zh") travels to an embedding generator: in
/// <see cref="EmbeddingGenerationOptions.AdditionalProperties"/> under <see cref="Key"/>, the document's at ingestion
/// and the query's at search. Absent means unknown. A generator that does not analyse text (a remote model) ignores it.
/// </summary>
public static class LanguageOption
{
    public const string Key = "chatsphere.language";

    /// <summary>The language the options carry as a lower-case code without region ("en-GB" is "en"); null when none.</summary>
    public static string? Of(EmbeddingGenerationOptions? options)
    {
        if (options?.AdditionalProperties?.TryGetValue(Key, out var value) != true || value is not string text)
        {
            return null;
        }

        var code = text.Trim().Split('-', '_')[0].ToLowerInvariant();
        return code.Length > 0 ? code : null;
    }

    /// <summary>Options that carry <paramref name="language"/> (none when it is unknown: null or empty).</summary>
    public static EmbeddingGenerationOptions? For(string? language) =>
        string.IsNullOrEmpty(language) ? null : new EmbeddingGenerationOptions { AdditionalProperties = new() { [Key] = language } };
}
