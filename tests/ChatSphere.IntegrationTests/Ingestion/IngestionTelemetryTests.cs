using System.Diagnostics;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Telemetry;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ChatSphere.IntegrationTests.Ingestion;

[Collection(ModelsCollection.Name)]
public sealed class IngestionTelemetryTests(ModelsFactory app)
{
    [Fact]
    public async Task An_ingested_document_is_one_span_with_its_four_steps_under_it_and_its_chunks_are_counted()
    {
        using var spans = new ActivityRecorder();
        using var chunks = Collect("chatsphere.ingestion.chunks");
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();

        var document = await api.IngestAsync(bot, "tides.txt", TestFiles.Text(string.Join("\n\n", Enumerable.Range(1, 12).Select(i =>
            $"Tide table {i}: the harbour of town {i} floods twice a day, and its boats wait for high water number {i} to leave."))));

        Assert.Equal(DocumentStatus.Ready, document.Status);
        var job = await spans.WaitForAsync(s => s.OperationName == ChatSphereTelemetry.Spans.Ingest && IsFor(s, document.Id));
        Assert.Equal(bot.ToString(), job.GetTagItem(ChatSphereTelemetry.Tags.BotId));
        Assert.Equal("ready", job.GetTagItem(ChatSphereTelemetry.Tags.Outcome));
        Assert.Equal(
            [ChatSphereTelemetry.Spans.Extract, ChatSphereTelemetry.Spans.Chunk, ChatSphereTelemetry.Spans.EmbedChunks, ChatSphereTelemetry.Spans.SaveChunks],
            spans.ChildrenOf(job).Select(s => s.OperationName));
        Assert.All(spans.ChildrenOf(job), step => Assert.True(step.StartTimeUtc >= job.StartTimeUtc && step.Duration <= job.Duration));
        Assert.Contains(chunks.GetMeasurementSnapshot(), m => m.Value == document.ChunkCount);
    }

    [Fact]
    public async Task A_corrupt_pdf_counts_as_a_failure_of_the_extract_step_and_its_span_says_so()
    {
        using var spans = new ActivityRecorder();
        using var failures = Collect("chatsphere.ingestion.failures");
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();

        var broken = "%PDF-1.7\n1 0 obj << /Type /Catalog >>\nnothing a PDF reader can use\n"u8.ToArray();
        var document = await api.IngestAsync(bot, "corrupt.pdf", broken, "application/pdf");

        Assert.Equal(DocumentStatus.Failed, document.Status);
        var job = await spans.WaitForAsync(s => s.OperationName == ChatSphereTelemetry.Spans.Ingest && IsFor(s, document.Id));
        Assert.Equal("failed", job.GetTagItem(ChatSphereTelemetry.Tags.Outcome));
        Assert.Equal(ActivityStatusCode.Error, job.Status);
        Assert.Equal([ChatSphereTelemetry.Spans.Extract], spans.ChildrenOf(job).Select(s => s.OperationName));
        Assert.Contains(failures.GetMeasurementSnapshot(), m => m.Value == 1
            && Equals(m.Tags[ChatSphereTelemetry.Tags.Step], ChatSphereTelemetry.Spans.Extract)
            && Equals(m.Tags[ChatSphereTelemetry.Tags.Reason], "unsupported"));
    }

    private static bool IsFor(Activity span, Guid documentId) =>
        Equals(span.GetTagItem(ChatSphereTelemetry.Tags.DocumentId), documentId.ToString());

    /// <summary>This host's measurements only: its meters come from its own IMeterFactory.</summary>
    private MetricCollector<long> Collect(string instrument) =>
        new(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), ChatSphereTelemetry.Name, instrument);
}
