using System.Diagnostics;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Telemetry;
using static ChatSphere.Core.Telemetry.ChatSphereTelemetry;

namespace ChatSphere.Agents.Chat;

/// <summary>
/// One turn's <c>chat.turn</c> span (with <c>chat.auth</c> for the time before it began) and its metrics: turns by
/// outcome, turn and first-token latency, model tokens. With no listener there is no span, and nothing is allocated for one.
/// </summary>
internal sealed class TurnTelemetry
{
    private readonly ChatSphereMetrics _metrics;
    private readonly string _channel;
    private readonly string _mode;
    private readonly long _started;
    private bool _firstToken;
    private string? _outcome;

    private TurnTelemetry(ChatSphereMetrics metrics, string channel, string mode, long started, Activity? span) =>
        (_metrics, _channel, _mode, _started, Span) = (metrics, channel, mode, started, span);

    /// <summary>The turn's span, or null when nobody listens.</summary>
    public Activity? Span { get; }

    /// <summary>The span's context, as the parent of steps that run after the context that started it is gone.</summary>
    public ActivityContext Context => Span?.Context ?? default;

    /// <summary>Starts the turn at the request's arrival when the channel knows it, else now.</summary>
    public static TurnTelemetry Start(ChatSphereMetrics metrics, TurnRequest request, string mode)
    {
        var now = Stopwatch.GetTimestamp();
        var channel = ChannelName(request.Channel);
        var span = Source.HasListeners() ? StartSpan(request, channel, mode, now) : null;
        return new TurnTelemetry(metrics, channel, mode, request.ArrivedAt ?? now, span);
    }

    /// <summary>Makes the turn's span the current one, so the spans of what it calls (retrieval, the answerer) are its children.</summary>
    public void MakeCurrent()
    {
        if (Span is not null)
        {
            Activity.Current = Span;
        }
    }

    public void FirstToken()
    {
        if (!_firstToken)
        {
            _firstToken = true;
            _metrics.FirstTokenDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, Tag(Tags.Channel, _channel), Tag(Tags.Mode, _mode));
        }
    }

    public void Answered(ChatCompleted answer)
    {
        _outcome = answer.Fallback ? "fallback" : "answered";
        if (answer.InputTokens is { } input)
        {
            _metrics.Tokens.Add(input, Tag(Tags.TokenType, "input"));
        }

        if (answer.OutputTokens is { } output)
        {
            _metrics.Tokens.Add(output, Tag(Tags.TokenType, "output"));
        }
    }

    public void Failed(string code)
    {
        _outcome = "failed";
        Span?.SetStatus(ActivityStatusCode.Error, code);
    }

    /// <summary>A turn refused before it began: its span ends, and it is not counted as a turn.</summary>
    public void Refused(TurnRejection rejection)
    {
        Span?.SetTag(Tags.Outcome, "rejected");
        Span?.SetTag(Tags.Reason, rejection.Reason.ToString());
        Span?.Stop();
    }

    /// <summary>
    /// Ends the turn. With no outcome it was cut short: by the caller (<paramref name="cancelled"/>), else by an error.
    /// </summary>
    public void End(bool cancelled)
    {
        if (_outcome is null)
        {
            _outcome = cancelled ? "cancelled" : "failed";
            if (!cancelled)
            {
                Span?.SetStatus(ActivityStatusCode.Error);
            }
        }

        var tags = new TagList { { Tags.Channel, _channel }, { Tags.Mode, _mode }, { Tags.Outcome, _outcome } };
        _metrics.Turns.Add(1, tags);
        _metrics.TurnDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, tags);
        Span?.SetTag(Tags.Outcome, _outcome);
        Span?.Stop();
    }

    private static Activity? StartSpan(TurnRequest request, string channel, string mode, long now)
    {
        var arrived = request.ArrivedAt is { } at ? DateTimeOffset.UtcNow - Stopwatch.GetElapsedTime(at, now) : default;
        var span = Source.StartActivity(Spans.Turn, ActivityKind.Internal, default(ActivityContext), startTime: arrived);
        if (span is null)
        {
            return null;
        }

        span.SetTag(Tags.BotId, request.Bot.Id.ToString());
        span.SetTag(Tags.Channel, channel);
        span.SetTag(Tags.Mode, mode);
        if (request.ArrivedAt is not null)
        {
            Source.StartActivity(Spans.Auth, ActivityKind.Internal, span.Context, startTime: arrived)?.Stop();
        }

        return span;
    }

    private static string ChannelName(ConversationChannel channel) => channel switch
    {
        ConversationChannel.Web => "web",
        ConversationChannel.Api => "api",
        ConversationChannel.Widget => "widget",
        ConversationChannel.OpenAi => "openai",
        _ => "other",
    };

    private static KeyValuePair<string, object?> Tag(string name, string value) => new(name, value);
}
