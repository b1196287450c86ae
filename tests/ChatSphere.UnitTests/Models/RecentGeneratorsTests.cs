using ChatSphere.Agents.Embeddings;

namespace ChatSphere.UnitTests.Models;

public sealed class RecentGeneratorsTests
{
    [Fact]
    public void Generators_are_kept_for_the_most_recent_names_only()
    {
        var created = new List<string>();
        var generators = new RecentGenerators(model =>
        {
            created.Add(model);
            return new HashingEmbeddingGenerator();
        });

        var first = generators.Get("model-0");
        for (var i = 1; i < RecentGenerators.Capacity * 10; i++)
        {
            generators.Get($"model-{i}");
            // Used all along, so never the least recent one.
            Assert.Same(first, generators.Get("model-0"));
        }

        Assert.Equal(RecentGenerators.Capacity, generators.Count);
        Assert.Equal(RecentGenerators.Capacity * 10, created.Count);
        generators.Get("model-1");
        Assert.Equal("model-1", created[^1]);
    }
}
