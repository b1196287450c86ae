using ChatSphere.IntegrationTests.Infrastructure;

namespace ChatSphere.IntegrationTests.Reliability;

/// <summary>
/// The site on the fake model server, for broken model answers: a short idle limit so that hangs end quickly, and one
/// ingestion attempt, so that a document the embedding model cannot embed fails at once instead of after Hangfire's retries.
/// </summary>
public sealed class ModelFaultFactory : ModelsFactory
{
    public const int IdleSeconds = 3;

    protected override IEnumerable<(string Key, string Value)> Settings =>
        [.. base.Settings, ("Models:StreamIdleTimeoutSeconds", IdleSeconds.ToString()), ("Ingestion:MaxAttempts", "1")];
}
