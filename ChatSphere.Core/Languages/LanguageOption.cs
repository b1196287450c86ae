using Microsoft.Extensions.AI;

namespace ChatSphere.Core.Languages;

/// <summary>
/// How a text's language (an ISO 639-1 code such as "en", "de", "zh") travels to an embedding generator: in
/// <see cref="EmbeddingGenerationOptions.AdditionalProperties"/> under <see cref="Key"/>. Absent means unknown.
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

    /// <summary>Options that carry <paramref name="language"/> (none when it is null).</summary>
    public static EmbeddingGenerationOptions? For(string? language) =>
        language is null ? null : new EmbeddingGenerationOptions { AdditionalProperties = new() { [Key] = language } };
}
