using ChatSphere.Core.Languages;
using Microsoft.Extensions.AI;

namespace ChatSphere.Agents.Embeddings;

/// <summary>
/// Tells an embedding generator that its inputs are search queries, not passages: some models embed the two
/// differently (<see cref="ArcticEmbeddingGenerator"/> prefixes queries). Carried in
/// <see cref="EmbeddingGenerationOptions.AdditionalProperties"/>, which the OpenAI adapter does not send on.
/// </summary>
public static class EmbeddingPurpose
{
    public const string Key = "chatsphere.input";
    public const string Query = "query";

    /// <summary>Options for a query, in <paramref name="language"/> when it is known (<see cref="LanguageOption"/>).</summary>
    public static EmbeddingGenerationOptions ForQuery(string? language = null)
    {
        var options = LanguageOption.For(language) ?? new EmbeddingGenerationOptions { AdditionalProperties = [] };
        options.AdditionalProperties![Key] = Query;
        return options;
    }

    public static bool IsQuery(EmbeddingGenerationOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(Key, out var value) == true && value is Query;
}
