using Microsoft.Extensions.Hosting;

namespace ChatSphere.Core.Ingestion.Chunking;

/// <summary>Loads the tokenizer's vocabulary in the background at start, so the first document does not wait for it.</summary>
internal sealed class TokenizerWarmUp : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Run(() => TokenCounter.Shared.Count("warm up"), stoppingToken);
}
