using ChatSphere.Agents.Retrieval;
using ChatSphere.Core.Data;

namespace ChatSphere.UnitTests.Retrieval;

public sealed class VectorScanTests
{
    [Theory]
    [InlineData(0, false, VectorScan.Exact)]
    [InlineData(4999, true, VectorScan.Exact)]
    [InlineData(5000, true, VectorScan.BotIndex)]
    [InlineData(5000, false, VectorScan.SharedIndex)]
    [InlineData(200_000, false, VectorScan.SharedIndex)]
    public void Small_bots_are_searched_exactly_and_large_ones_through_their_own_index_once_it_is_built(
        long count, bool ownIndex, VectorScan expected) =>
        Assert.Equal(expected, KnowledgeSearch.ScanFor(count, ownIndex, botIndexChunks: 5000));

}
