namespace ChatSphere.Core.Languages;

/// <summary>
/// How a text's language reaches an embedding generator: an ISO 639-1 code under <see cref="Key"/> in
/// <c>EmbeddingGenerationOptions.AdditionalProperties</c>, the document's at ingestion and the query's at search. A
/// generator that does not analyse text (a remote model) ignores it.
/// </summary>
public static class LanguageOption
{
    public const string Key = "chatsphere.language";
}
