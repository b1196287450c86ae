using ChatSphere.Agents.Chat;

namespace ChatSphere.UnitTests.Chat;

public sealed class MarkerNumberingTests
{
    private static bool FiveSources(int marker) => marker is >= 1 and <= 5;

    [Fact]
    public void Markers_are_renumbered_in_order_of_first_use_and_invented_ones_are_dropped()
    {
        var (reply, cited) = MarkerNumbering.Renumber("Dams [3]. Hands [1]. Penguins [9]. Dams again [3]. None [0].", FiveSources);
        Assert.Equal("Dams [1]. Hands [2]. Penguins . Dams again [1]. None .", reply);
        Assert.Equal([3, 1], cited);
    }

    [Fact]
    public void What_only_looks_like_a_marker_is_kept()
    {
        var (reply, cited) = MarkerNumbering.Renumber("Arrays a[i] and [x], a footnote [1234], [ 2], [] and a last [", FiveSources);
        Assert.Equal("Arrays a[i] and [x], a footnote [1234], [ 2], [] and a last [", reply);
        Assert.Empty(cited);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Streamed_in_pieces_of_any_size_the_text_is_the_same_as_renumbered_whole(int size)
    {
        const string answer = "Otters hold hands [2][5]; beavers build dams [2]. See [12] and [4";
        var numbering = new MarkerNumbering(FiveSources);
        var sent = string.Concat(answer.Chunk(size).Select(piece => numbering.Push(new string(piece)))) + numbering.Flush();

        var (whole, cited) = MarkerNumbering.Renumber(answer, FiveSources);
        Assert.Equal("Otters hold hands [1][2]; beavers build dams [1]. See  and [4", whole);
        Assert.Equal(whole, sent);
        Assert.Equal(cited, numbering.Cited);
        Assert.Equal([2, 5], cited);
    }

    [Fact]
    public void Only_a_possible_marker_at_the_end_of_a_piece_is_held_back()
    {
        var numbering = new MarkerNumbering(FiveSources);
        Assert.Equal("Otters ", numbering.Push("Otters [1"));
        Assert.Equal("[1] hold hands", numbering.Push("] hold hands"));
        Assert.Equal("", numbering.Push("[3"));
        Assert.Equal("[3x", numbering.Push("x"));
        Assert.Equal("", numbering.Flush());
    }
}
