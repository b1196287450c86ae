namespace ChatSphere.Core.Domain;

public sealed class Document
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid BotId { get; set; }

    public Bot? Bot { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>Lower-case hex SHA-256 of the original bytes; unique per bot, so a re-upload is recognised.</summary>
    public required string Sha256 { get; set; }

    /// <summary>The original bytes, in their own table so listing documents never loads them.</summary>
    public DocumentContent? Content { get; set; }

    public DocumentStatus Status { get; set; } = DocumentStatus.Queued;

    public string? Error { get; set; }

    /// <summary>
    /// ISO 639-1 code of the document's language ("de"), detected at ingestion or chosen by the owner; "" when detection
    /// could not tell; null when never detected (documents from before detection, until <c>DetectLanguagesJob</c> runs).
    /// </summary>
    public string? Language { get; set; }

    /// <summary>The owner chose <see cref="Language"/> for this document: neither detection nor the bot's setting changes it.</summary>
    public bool LanguageSetByOwner { get; set; }

    public int ChunkCount { get; set; }

    public int ChunksEmbedded { get; set; }

    /// <summary>Ingestion runs started for the current version; bounds retries even when a parser crashes the worker.</summary>
    public int Attempts { get; set; }

    /// <summary>
    /// The ingestion run that owns the document's state. Each run claims it when it starts and writes status,
    /// progress, failure and chunks only while it still holds it, so an older, overlapping run cannot undo a newer one.
    /// </summary>
    public Guid? IngestionRun { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;

    public List<Chunk> Chunks { get; set; } = [];
}
