using System.Diagnostics.Metrics;

namespace ChatSphere.Core.Telemetry;

/// <summary>
/// ChatSphere's metrics, on a meter named "ChatSphere" from the host's <see cref="IMeterFactory"/> (so each host,
/// including each test host, has its own). Durations are in seconds, as OpenTelemetry's conventions ask.
/// </summary>
public sealed class ChatSphereMetrics
{
    public ChatSphereMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(ChatSphereTelemetry.Name);
        Turns = meter.CreateCounter<long>("chatsphere.chat.turns", "{turn}", "Chat turns, by channel, mode and outcome.");
        TurnDuration = meter.CreateHistogram<double>("chatsphere.chat.turn.duration", "s", "A chat turn from its start to the stored answer.");
        FirstTokenDuration = meter.CreateHistogram<double>(
            "chatsphere.chat.first_token.duration", "s", "A chat turn from its start to the first token of the answer.");
        RetrievalDuration = meter.CreateHistogram<double>("chatsphere.retrieval.duration", "s", "A knowledge search, by leg.");
        Tokens = meter.CreateCounter<long>("chatsphere.chat.tokens", "{token}", "Model tokens used by chat turns, input and output.");
        IngestedChunks = meter.CreateCounter<long>("chatsphere.ingestion.chunks", "{chunk}", "Chunks written by ingestion jobs.");
        IngestionFailures = meter.CreateCounter<long>("chatsphere.ingestion.failures", "{document}", "Documents whose ingestion failed, by step.");
        WidgetRejections = meter.CreateCounter<long>("chatsphere.widget.rejections", "{request}", "Widget requests refused, by reason.");
    }

    public Counter<long> Turns { get; }

    public Histogram<double> TurnDuration { get; }

    public Histogram<double> FirstTokenDuration { get; }

    public Histogram<double> RetrievalDuration { get; }

    public Counter<long> Tokens { get; }

    public Counter<long> IngestedChunks { get; }

    public Counter<long> IngestionFailures { get; }

    public Counter<long> WidgetRejections { get; }
}
