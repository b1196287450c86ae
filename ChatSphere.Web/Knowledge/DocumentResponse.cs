using ChatSphere.Core.Domain;

namespace ChatSphere.Web.Knowledge;

/// <summary>
/// A document as the API shows it. <c>status</c> is the contract's coarse state (queued, processing, ready,
/// failed); <c>stage</c> names the step (queued, extracting, chunking, embedding, ready, failed). <c>language</c> is the
/// ISO 639-1 code the document is indexed in (null when unknown or not yet detected); <c>languageSetByOwner</c> says the
/// owner chose it for this document.
/// </summary>
public sealed record DocumentResponse(
    Guid Id,
    string Name,
    string Status,
    string Stage,
    int ChunkCount,
    int ChunksEmbedded,
    string? Error,
    long Size,
    string ContentType,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Language,
    bool LanguageSetByOwner)
{
    public static DocumentResponse From(Document d) => new(
        d.Id, d.FileName, StatusOf(d.Status), d.Status.ToString().ToLowerInvariant(), d.ChunkCount, d.ChunksEmbedded, d.Error,
        d.Size, d.ContentType, d.CreatedAt, d.UpdatedAt, string.IsNullOrEmpty(d.Language) ? null : d.Language, d.LanguageSetByOwner);

    public static string StatusOf(DocumentStatus status) => status switch
    {
        DocumentStatus.Queued => "queued",
        DocumentStatus.Ready => "ready",
        DocumentStatus.Failed => "failed",
        _ => "processing",
    };
}
