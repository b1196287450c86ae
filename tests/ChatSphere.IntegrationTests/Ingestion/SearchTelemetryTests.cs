using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ChatSphere.Agents.Retrieval;
using ChatSphere.Core.Telemetry;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ChatSphere.Core.Telemetry.ChatSphereTelemetry;

namespace ChatSphere.IntegrationTests.Ingestion;

[Collection(ModelsCollection.Name)]
public sealed class SearchTelemetryTests(ModelsFactory app)
{
    [Fact]
    public async Task A_search_is_one_retrieval_span_with_its_embed_and_search_steps_and_timed_by_leg()
    {
        var (_, botId) = await ZooBot.CreateAsync(app);
        using var recorder = new ActivityRecorder();
        var legs = new ConcurrentQueue<(string? Leg, double Seconds)>();
        using var meterListener = ListenToRetrievalDuration(legs);

        IReadOnlyList<SearchHit> hits;
        var parent = recorder.StartParent("test search");
        await using (var scope = app.CreateScope())
        {
            var bot = await app.Db(scope).Bots.AsNoTracking().SingleAsync(b => b.Id == botId);
            hits = await scope.ServiceProvider.GetRequiredService<KnowledgeSearch>()
                .SearchAsync(bot, "Why do otters hold hands?", 3, CancellationToken.None);
        }

        parent.Stop();
        var spans = recorder.InTrace(parent.TraceId);
        var retrieval = Assert.Single(spans, s => s.OperationName == Spans.Retrieval);
        Assert.Equal(parent.SpanId, retrieval.ParentSpanId);
        Assert.Equal(botId, retrieval.GetTagItem(Tags.BotId));
        Assert.Equal("hybrid", retrieval.GetTagItem(Tags.SearchMode));
        Assert.NotEmpty(hits);
        Assert.Equal(hits.Count, retrieval.GetTagItem(Tags.Results));

        var embed = Assert.Single(spans, s => s.OperationName == Spans.Embed);
        var search = Assert.Single(spans, s => s.OperationName == Spans.Search);
        Assert.All(new[] { embed, search }, s => Assert.Equal(retrieval.SpanId, s.ParentSpanId));
        Assert.True(embed.StartTimeUtc + embed.Duration <= search.StartTimeUtc, "The query is embedded before the database is asked.");
        Assert.True((int)search.GetTagItem(Tags.VectorRows)! > 0);
        Assert.True((int)search.GetTagItem(Tags.TextRows)! > 0);
        Assert.Equal(true, search.GetTagItem(Tags.ExactSearch));

        // This collection's tests run one at a time and nothing else searches on this host meanwhile.
        Assert.Equal(["embed", "search"], legs.Select(l => l.Leg).Order());
        Assert.All(legs, l => Assert.True(l.Seconds > 0));
    }

    [Fact]
    public async Task A_full_text_search_has_no_embed_step_and_says_its_mode()
    {
        var (_, botId) = await ZooBot.CreateAsync(app);
        using var recorder = new ActivityRecorder();

        await using (var scope = app.CreateScope())
        {
            var bot = await app.Db(scope).Bots.AsNoTracking().SingleAsync(b => b.Id == botId);
            await scope.ServiceProvider.GetRequiredService<KnowledgeSearch>()
                .SearchAsync(bot, "beavers dams", 3, CancellationToken.None, SearchMode.Text);
        }

        var spans = recorder.Tagged(Tags.BotId, botId);
        var retrieval = Assert.Single(spans, s => s.OperationName == Spans.Retrieval);
        Assert.Equal("text", retrieval.GetTagItem(Tags.SearchMode));
        Assert.Equal(1, retrieval.GetTagItem(Tags.Results));
        Assert.DoesNotContain(spans, s => s.OperationName == Spans.Embed);
        var search = Assert.Single(spans, s => s.OperationName == Spans.Search);
        Assert.Equal(0, search.GetTagItem(Tags.VectorRows));
        Assert.Equal(1, search.GetTagItem(Tags.TextRows));
    }

    /// <summary>The retrieval histogram of this host only (each host's meter comes from its own IMeterFactory).</summary>
    private MeterListener ListenToRetrievalDuration(ConcurrentQueue<(string? Leg, double Seconds)> legs)
    {
        var histogram = app.Services.GetRequiredService<ChatSphereMetrics>().RetrievalDuration;
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument == histogram)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == Tags.Leg)
                {
                    legs.Enqueue((tag.Value as string, value));
                }
            }
        });
        listener.Start();
        return listener;
    }
}
