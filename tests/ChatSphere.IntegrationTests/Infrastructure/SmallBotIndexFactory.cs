namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>A host where a bot of <see cref="Threshold"/> chunks already gets indexes of its own, so a small upload has them.</summary>
public sealed class SmallBotIndexFactory : ChatSphereFactory
{
    public const int Threshold = 20;

    protected override IEnumerable<(string Key, string Value)> Settings => [("Ingestion:BotIndexChunks", Threshold.ToString())];
}
