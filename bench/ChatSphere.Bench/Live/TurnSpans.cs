using System.Collections.Concurrent;
using System.Diagnostics;
using ChatSphere.Core.Telemetry;

namespace ChatSphere.Bench.Live;

/// <summary>
/// The server-side breakdown of chat requests, read from the site's spans by an <see cref="ActivityListener"/> in the
/// process that hosts it. Each request is sent with a trace of its own (a traceparent header), so its spans are told
/// apart from everything else the site does; only those traces are recorded.
/// </summary>
internal sealed class TurnSpans : IDisposable
{
    public const string RequestToFirstToken = "request to first_token";
    public static readonly string ModelToFirstToken = $"{ChatSphereTelemetry.Spans.Model} to {ChatSphereTelemetry.Spans.FirstToken}";

    // ASP.NET Core's request span: the moment the request reached the site.
    private const string AspNetCore = "Microsoft.AspNetCore";
    private readonly ConcurrentDictionary<ActivityTraceId, ConcurrentQueue<Activity>> _traces = new();
    private readonly ActivityListener _listener;

    public TurnSpans()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is ChatSphereTelemetry.Name or AspNetCore,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                _traces.ContainsKey(options.Parent.TraceId) ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                if (_traces.TryGetValue(activity.TraceId, out var spans))
                {
                    spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>A new trace for one request: send <see cref="Traced.Header"/> as its traceparent.</summary>
    public Traced Begin()
    {
        var traced = new Traced(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom());
        _traces[traced.TraceId] = new ConcurrentQueue<Activity>();
        return traced;
    }

    /// <summary>
    /// Milliseconds per part of the request's handling, once the site has finished it: each ChatSphere span by name
    /// (summed when one occurs twice; chat.model up to its first_token event), and from the moment the request reached
    /// the site to the first token.
    /// </summary>
    public async Task<Dictionary<string, double>> EndAsync(Traced traced)
    {
        var spans = _traces[traced.TraceId];
        var deadline = DateTime.UtcNow.AddSeconds(10);
        Activity? request;
        while ((request = spans.FirstOrDefault(s => s.Source.Name == AspNetCore && s.ParentSpanId == traced.SpanId)) is null)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("The site's request span never ended: is the site hosted in this process?");
            }

            await Task.Delay(1);
        }

        _traces.TryRemove(traced.TraceId, out _);
        var parts = new Dictionary<string, double>();
        foreach (var span in spans.Where(s => s.Source.Name == ChatSphereTelemetry.Name))
        {
            var first = FirstTokenOf(span);
            var (name, ms) = first is { } at
                ? (ModelToFirstToken, (at - span.StartTimeUtc).TotalMilliseconds)
                : (span.OperationName, span.Duration.TotalMilliseconds);
            parts[name] = parts.GetValueOrDefault(name) + ms;
            if (first is not null)
            {
                parts[RequestToFirstToken] = (first.Value - request.StartTimeUtc).TotalMilliseconds;
            }
        }

        return parts;
    }

    public void Dispose() => _listener.Dispose();

    private static DateTime? FirstTokenOf(Activity span) =>
        span.OperationName == ChatSphereTelemetry.Spans.Model
            ? span.Events.Where(e => e.Name == ChatSphereTelemetry.Spans.FirstToken).Select(e => (DateTime?)e.Timestamp.UtcDateTime).FirstOrDefault()
            : null;

    /// <summary>One request's trace, and the span id the site's request span will name as its parent.</summary>
    public sealed record Traced(ActivityTraceId TraceId, ActivitySpanId SpanId)
    {
        public string Header => $"00-{TraceId}-{SpanId}-01";
    }
}
