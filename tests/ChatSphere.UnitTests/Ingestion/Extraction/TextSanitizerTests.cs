using ChatSphere.Core.Ingestion.Extraction;

namespace ChatSphere.UnitTests.Ingestion.Extraction;

public sealed class TextSanitizerTests
{
    [Fact]
    public void Nul_and_control_characters_are_removed_but_tabs_and_line_breaks_are_kept_as_whitespace() =>
        Assert.Equal("Hello world\nnext line", TextSanitizer.Clean("Hel\0lo\u0001 \u0007world\r\nnext\u001Bline".Replace("\u001B", "\t")));

    [Fact]
    public void Lone_surrogates_and_noncharacters_are_removed_while_real_pairs_survive() =>
        Assert.Equal("a😀b", TextSanitizer.Clean("a\uD800😀\uDC00\uFFFE\uFFFFb"));

    [Fact]
    public void Line_endings_are_normalised_and_lines_are_trimmed_and_collapsed() =>
        Assert.Equal("one two\nthree\nfour", TextSanitizer.Clean("  one \t  two  \r\n three\rfour   "));

    [Fact]
    public void Runs_of_blank_lines_become_one_blank_line() =>
        Assert.Equal("a\n\nb\n\nc", TextSanitizer.Clean("\n\na\n\n\n\n  \nb\n\nc\n\n\n"));

    [Fact]
    public void Preformatted_text_keeps_its_indentation_but_loses_control_characters() =>
        Assert.Equal("if (x)\n    return;", TextSanitizer.CleanPreformatted("if (x)  \r\n    return;\0\n\n"));
}
