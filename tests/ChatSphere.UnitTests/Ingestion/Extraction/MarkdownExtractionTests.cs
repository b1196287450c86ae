using System.Text;
using ChatSphere.Core.Ingestion.Extraction;

namespace ChatSphere.UnitTests.Ingestion.Extraction;

public sealed class MarkdownExtractionTests
{
    private readonly DocumentExtractor _extractor = new();

    [Fact]
    public void Headings_build_the_path_and_inline_markup_is_stripped()
    {
        var document = Extract("""
            # Install guide

            Read the **whole** guide, or _just_ the [quick start](https://example.com/start "Start").
            Lines wrap.

            ## Requirements
            - Linux or `macOS`
            * 4 GB of ~~memory~~ RAM
            1. An ![admin badge](badge.png) account

            Setup
            -----

            > Back up your data
            > before you start.

            ```bash
            ./install.sh --all
                --verbose
            ```

            | Option | Meaning |
            |--------|:-------:|
            | `-a`   | all *files* |

            <!-- an internal note -->
            Escaped \*stars\* & snake_case_names stay.
            """);

        Assert.Equal("Install guide", document.Title);
        Assert.Equal(
            [
                ("Read the whole guide, or just the quick start. Lines wrap.", "Install guide"),
                ("Linux or macOS", "Install guide > Requirements"),
                ("4 GB of memory RAM", "Install guide > Requirements"),
                ("An admin badge account", "Install guide > Requirements"),
                ("Back up your data before you start.", "Install guide > Setup"),
                ("./install.sh --all\n    --verbose", "Install guide > Setup"),
                ("Option | Meaning", "Install guide > Setup"),
                ("-a | all files", "Install guide > Setup"),
                ("Escaped *stars* & snake_case_names stay.", "Install guide > Setup"),
            ],
            document.Blocks.Select(b => (b.Text, string.Join(" > ", b.HeadingPath))));
    }

    [Fact]
    public void Front_matter_is_skipped_and_its_title_wins()
    {
        var document = Extract("""
            ---
            title: "Pricing FAQ"
            tags: [faq]
            ---
            Intro
            =====

            ### Deep heading
            Text under a skipped level.
            """);

        Assert.Equal("Pricing FAQ", document.Title);
        var block = Assert.Single(document.Blocks);
        Assert.Equal("Text under a skipped level.", block.Text);
        Assert.Equal(["Intro", "Deep heading"], block.HeadingPath);
    }

    private ExtractedDocument Extract(string markdown) =>
        _extractor.Extract(DocumentKind.Markdown, Encoding.UTF8.GetBytes(markdown), CancellationToken.None);
}
