using System.ComponentModel.DataAnnotations;

namespace ChatSphere.Core.Ingestion;

public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>Largest accepted upload; larger files get 413.</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Time one extraction may take before its worker process is killed and the document fails.</summary>
    [Range(1, 3600)]
    public int ExtractionTimeoutSeconds { get; set; } = 120;

    /// <summary>The assembly run as the extraction worker; null means ChatSphere.Web.dll beside this app.</summary>
    public string? ExtractionWorker { get; set; }

    /// <summary>Memory cap of the extraction worker process, in MB.</summary>
    [Range(64, 16384)]
    public int ExtractionMemoryLimitMb { get; set; } = 1024;

    /// <summary>Ingestion attempts per document version, counting ones that crashed the process.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Inputs per embedding request (OpenAI allows 2,048 and 300k tokens).</summary>
    [Range(1, 2048)]
    public int EmbeddingBatchSize { get; set; } = 256;

    /// <summary>Tokens per embedding request, below OpenAI's 300k limit.</summary>
    [Range(1000, 300_000)]
    public int EmbeddingBatchTokens { get; set; } = 100_000;

    /// <summary>
    /// A bot with at least this many chunks gets indexes of its own (HNSW per dimension and full text, built by
    /// <see cref="BotIndexJob"/>, dropped below half of it) and its searches use them; below it, its vectors are searched
    /// exactly. Why this figure: bench/RESULTS.md, "Issue 12: search latency at scale".
    /// </summary>
    [Range(1, int.MaxValue)]
    public int BotIndexChunks { get; set; } = 5000;
}
