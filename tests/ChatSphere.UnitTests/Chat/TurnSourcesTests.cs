using ChatSphere.Agents.Chat;
using ChatSphere.Agents.Retrieval;

namespace ChatSphere.UnitTests.Chat;

public sealed class TurnSourcesTests
{
    private static readonly SearchHit Otters = Hit("otters.md", "Sea otters hold hands while they sleep.");
    private static readonly SearchHit Beavers = Hit("beavers.md", "Beavers build dams from branches and mud.");
    private static readonly SearchHit Herons = Hit("herons.md", new string('h', 400));

    [Fact]
    public void Passages_are_numbered_in_the_order_found_and_keep_their_number_when_found_again()
    {
        var sources = new TurnSources();

        var first = sources.Add([Otters, Beavers]);
        var again = sources.Add([Herons, Otters]);

        Assert.Equal([(1, Otters), (2, Beavers)], first);
        Assert.Equal([(3, Herons), (1, Otters)], again);
        Assert.Equal([Otters, Beavers, Herons], sources.Hits);
    }

    [Fact]
    public void A_replys_markers_become_citations_in_order_of_first_use_without_repeats()
    {
        var sources = new TurnSources();
        sources.Add([Otters, Beavers, Herons]);

        var citations = sources.CitationsIn("Beavers build dams [2]; otters hold hands [1]. Dams again [2].");

        Assert.Equal(["beavers.md", "otters.md"], citations.Select(c => c.DocumentName));
        Assert.Equal(Beavers.ChunkId, citations[0].ChunkId);
        Assert.Equal(Beavers.DocumentId, citations[0].DocumentId);
        Assert.Equal(Beavers.Text, citations[0].Snippet);
    }

    [Fact]
    public void Markers_of_passages_not_found_in_this_turn_are_dropped()
    {
        var sources = new TurnSources();
        sources.Add([Otters]);

        var citations = sources.CitationsIn("Otters [1]. Penguins mate for life [9]. Nothing [0]. Footnote [1234].");

        Assert.Equal([Otters.ChunkId], citations.Select(c => c.ChunkId));
        Assert.Empty(sources.CitationsIn("No markers at all."));
    }

    [Fact]
    public void A_long_passage_is_cited_by_its_first_300_characters()
    {
        var sources = new TurnSources();
        sources.Add([Herons]);

        var snippet = Assert.Single(sources.CitationsIn("Herons [1].")).Snippet;

        Assert.Equal(new string('h', 300) + "…", snippet);
    }

    [Fact]
    public void Passages_are_formatted_with_their_marker_heading_and_page()
    {
        var paged = Otters with { HeadingPath = "Animals > Otters", Page = 4 };

        Assert.Equal(
            "[1] Animals > Otters (page 4)\nSea otters hold hands while they sleep.\n\n[2] beavers.md\nBeavers build dams from branches and mud.",
            TurnSources.Format([(1, paged), (2, Beavers)]));
    }

    private static SearchHit Hit(string document, string text) =>
        new(Guid.NewGuid(), Guid.NewGuid(), document, document, null, text, 1, 1, 0.9, 1);
}
