namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>
/// Tests that hold a client or the fake server to wall-clock bounds (retry back-off, paced streams): they run alone,
/// after the collections that run in parallel, whose load would otherwise stretch what they measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "timing";
}
