using ChatSphere.Core.Ingestion;
using ChatSphere.Core.Ingestion.Extraction;

namespace ChatSphere.UnitTests.Ingestion;

/// <summary>The extraction worker's output format, written and read as a stream.</summary>
public sealed class ExtractionWireTests
{
    [Fact]
    public async Task Blocks_come_back_in_order_and_blocks_of_one_section_share_their_heading_path()
    {
        string[] returns = ["Help", "Returns"];
        var document = new ExtractedDocument(
            [
                new TextBlock("Intro.", []),
                new TextBlock("Keep the receipt.", returns, 2),
                new TextBlock("Use the box.", returns, 2),
                new TextBlock("We ship worldwide.", ["Help", "Shipping"], 3),
            ],
            "Acme help");

        var read = await RoundTripAsync(document, ExtractionLimits.Default);

        Assert.Equal(document.Title, read.Title);
        Assert.Equal(document.Blocks.Select(b => (b.Text, string.Join('>', b.HeadingPath), b.Page)),
            read.Blocks.Select(b => (b.Text, string.Join('>', b.HeadingPath), b.Page)));
        Assert.Same(read.Blocks[1].HeadingPath, read.Blocks[2].HeadingPath);
    }

    [Fact]
    public async Task Output_past_the_limit_stops_the_reader_with_the_reason()
    {
        var limits = new ExtractionLimits(MaxTextLength: 10_000, MaxBlocks: 10);
        var document = new ExtractedDocument(Enumerable.Range(0, 1000).Select(i => new TextBlock(new string('x', 1000), [])).ToList());

        var error = await Assert.ThrowsAsync<ExtractionFailedException>(() => RoundTripAsync(document, limits));

        Assert.Contains("larger than", error.Message);
    }

    private static async Task<ExtractedDocument> RoundTripAsync(ExtractedDocument document, ExtractionLimits limits)
    {
        using var pipe = new MemoryStream();
        await ExtractionWire.WriteAsync(pipe, document);
        pipe.Position = 0;
        return await ExtractionWire.ReadAsync(pipe, limits, CancellationToken.None);
    }
}
