using System.Collections.Concurrent;
using System.Diagnostics;
using ChatSphere.Core.Telemetry;

namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>
/// Every ChatSphere span that ends while this lives. The source is process-wide and several hosts may run in this
/// process, so tests pick their own spans out by a tag (a document id), never by count.
/// </summary>
public sealed class SpanCollector : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public SpanCollector()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ChatSphereTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<Activity> Stopped => [.. _stopped];

    /// <summary>The first span that matches, once it has ended; fails the test after <paramref name="timeout"/> (10 s).</summary>
    public async Task<Activity> WaitForAsync(Func<Activity, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (_stopped.FirstOrDefault(match) is { } span)
            {
                return span;
            }

            Assert.True(DateTime.UtcNow < deadline, "No matching span ended in time.");
            await Task.Delay(20);
        }
    }

    /// <summary>The spans whose parent is <paramref name="parent"/>, in the order they started.</summary>
    public List<Activity> ChildrenOf(Activity parent) =>
        [.. _stopped.Where(a => a.TraceId == parent.TraceId && a.ParentSpanId == parent.SpanId).OrderBy(a => a.StartTimeUtc)];

    public void Dispose() => _listener.Dispose();
}
