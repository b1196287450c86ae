using System.Diagnostics;
using ChatSphere.Core.Ingestion;
using ChatSphere.Core.Ingestion.Extraction;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatSphere.IntegrationTests.Ingestion;

/// <summary>The extraction worker is a real child process: these start real ones that hang or crash.</summary>
public sealed class ExtractionSandboxTests
{
    [Fact]
    public async Task A_real_pdf_is_extracted_in_the_worker_process()
    {
        var document = await Sandbox().ExtractAsync(DocumentKind.Pdf, TestFiles.Pdf("Page one text.", "Page two text."), CancellationToken.None);
        Assert.Equal([1, 2], document.Blocks.Select(b => b.Page!.Value).Distinct());
    }

    [Fact]
    public async Task A_worker_that_runs_past_the_time_limit_is_killed()
    {
        // About 12 MB of HTML: a few seconds of parsing in the worker, against a one-second limit.
        var html = TestFiles.Text("<html><body>" + string.Concat(Enumerable.Repeat("<p>Row of text in a very long page.</p>", 300_000)) + "</body></html>");
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ExtractionFailedException>(() =>
            Sandbox(timeoutSeconds: 1).ExtractAsync(DocumentKind.Html, html, CancellationToken.None));
        Assert.Contains("longer than 1 s", error.Message);
        Assert.InRange(watch.Elapsed.TotalSeconds, 0.9, 10);
    }

    [Fact]
    public async Task A_worker_that_crashes_fails_the_document_with_a_readable_reason()
    {
        var garbage = Path.Combine(Path.GetTempPath(), $"chatsphere-crash-{Guid.NewGuid():N}.dll");
        await File.WriteAllTextAsync(garbage, "this is not an assembly");
        try
        {
            var error = await Assert.ThrowsAsync<ExtractionFailedException>(() =>
                Sandbox(garbage).ExtractAsync(DocumentKind.Docx, TestFiles.Docx("t", "x"), CancellationToken.None));
            Assert.StartsWith("The file could not be read:", error.Message);
        }
        finally
        {
            File.Delete(garbage);
        }
    }

    private static DocumentExtraction Sandbox(string? worker = null, int timeoutSeconds = 60) => new(
        new DocumentExtractor(),
        Options.Create(new IngestionOptions { ExtractionWorker = worker, ExtractionTimeoutSeconds = timeoutSeconds }),
        NullLogger<DocumentExtraction>.Instance);
}
