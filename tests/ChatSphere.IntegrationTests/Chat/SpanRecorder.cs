using System.Collections.Concurrent;
using System.Diagnostics;
using ChatSphere.Core.Telemetry;

namespace ChatSphere.IntegrationTests.Chat;

/// <summary>
/// Records ChatSphere's spans while a test runs. Several hosts share the process (and the static ActivitySource), so a
/// test reads only the spans of its own trace: the trace of a parent activity it started, or of its bot's turn.
/// </summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ChatSphereTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The stopped spans of one trace, in the order they stopped.</summary>
    public List<Activity> InTrace(ActivityTraceId traceId) => [.. _stopped.Where(a => a.TraceId == traceId)];

    /// <summary>The stopped <c>chat.turn</c> span of a bot's turn (waiting a moment for it: it stops as the response ends).</summary>
    public async Task<Activity> TurnOfAsync(Guid botId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var turn = _stopped.FirstOrDefault(a =>
                a.OperationName == ChatSphereTelemetry.Spans.Turn && (string?)a.GetTagItem(ChatSphereTelemetry.Tags.BotId) == botId.ToString());
            if (turn is not null)
            {
                return turn;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No chat.turn span for bot {botId}.");
            await Task.Delay(20);
        }
    }

    public void Dispose() => _listener.Dispose();
}
