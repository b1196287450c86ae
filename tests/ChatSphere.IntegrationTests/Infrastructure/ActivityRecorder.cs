using System.Collections.Concurrent;
using System.Diagnostics;
using ChatSphere.Core.Telemetry;

namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>
/// Records ChatSphere's spans while it lives. Several hosts run in one test process, so a test picks its own spans
/// out by a tag (the bot id) or by a parent activity it started itself (<see cref="StartParent"/>).
/// </summary>
public sealed class ActivityRecorder : IDisposable
{
    private const string TestSourceName = "ChatSphere.IntegrationTests";

    private static readonly ActivitySource TestSource = new(TestSourceName);

    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public ActivityRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is ChatSphereTelemetry.Name or TestSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<Activity> Stopped => _stopped.ToList();

    /// <summary>A test's own root span: what runs inside it on this async flow becomes its descendant.</summary>
    public Activity StartParent(string name) => TestSource.StartActivity(name)!;

    /// <summary>The stopped spans of one trace.</summary>
    public List<Activity> InTrace(ActivityTraceId trace) => _stopped.Where(a => a.TraceId == trace).ToList();

    /// <summary>The stopped spans whose tag has this value, and their direct children.</summary>
    public List<Activity> Tagged(string tag, object value)
    {
        var tagged = _stopped.Where(a => Equals(a.GetTagItem(tag), value)).ToList();
        return [.. tagged, .. _stopped.Where(a => tagged.Any(t => t.SpanId == a.ParentSpanId && t.TraceId == a.TraceId))];
    }

    /// <summary>The stopped <c>chat.turn</c> span of a bot's turn (waiting a moment for it: it stops as the response ends).</summary>
    public Task<Activity> TurnOfAsync(Guid botId) =>
        WaitForAsync(a => a.OperationName == ChatSphereTelemetry.Spans.Turn && (string?)a.GetTagItem(ChatSphereTelemetry.Tags.BotId) == botId.ToString());

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
