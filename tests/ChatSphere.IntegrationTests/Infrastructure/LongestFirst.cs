using ChatSphere.IntegrationTests.Browser.Widget;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("ChatSphere.IntegrationTests.Infrastructure.LongestFirst", "ChatSphere.IntegrationTests")]

namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>
/// Starts the longest collections first (each took 20-35 s on a quiet machine, the others under 10 s): four run at a
/// time, and one of them started last ran alone for its last 20-30 s. The others keep xunit's order.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    private static readonly string[] Longest =
        [WidgetBrowserCollection.Name, AppCollection.Name, BrowserCollection.Name, ModelsCollection.Name, IngestionCollection.Name];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(collection => Array.IndexOf(Longest, collection.DisplayName) is >= 0 and var rank ? rank : Longest.Length);
}
