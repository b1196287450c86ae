using System.Text;
using ChatSphere.Core.Ingestion.Extraction;

namespace ChatSphere.UnitTests.Ingestion.Extraction;

public sealed class HtmlExtractionTests
{
    private const string Page = """
        <!DOCTYPE html>
        <html><head><title>Acme &amp; Co help</title><style>body { color: red }</style></head>
        <body>
          <header><a href="/">Acme logo</a></header>
          <nav><ul><li>Home</li><li>Products</li></ul></nav>
          <div role="navigation">Breadcrumb trail</div>
          <h1>Help centre</h1>
          <p>Welcome to the   help
             centre.</p>
          <div>Loose text in a div.<p>A paragraph.</p>Trailing words.</div>
          <h2>Returns</h2>
          <ul><li>Keep the receipt.</li><li>Use the <b>original</b> box.</li></ul>
          <table><tr><th>Item</th><th>Window</th></tr><tr><td>Shoes</td><td>30&nbsp;days</td></tr></table>
          <h2>Contact</h2>
          <blockquote>Call us on 555&#8209;0100.</blockquote>
          <dl><dt>Email</dt><dd>help@acme.test</dd></dl>
          <pre>line one
            indented</pre>
          <p hidden>Hidden paragraph.</p>
          <div aria-hidden="true">Screen-reader hidden.</div>
          <div style="display: none">Invisible.</div>
          <script>var secret = "script text";</script>
          <noscript>Enable JavaScript</noscript>
          <form><label>Search</label><input></form>
          <aside>Related articles</aside>
          <footer>Copyright Acme</footer>
        </body></html>
        """;

    private readonly DocumentExtractor _extractor = new();

    [Fact]
    public void Main_text_is_kept_under_its_headings()
    {
        var document = Extract(Page);

        Assert.Equal("Acme & Co help", document.Title);
        Assert.Equal(
            [
                ("Welcome to the help centre.", "Help centre"),
                ("Loose text in a div.", "Help centre"),
                ("A paragraph.", "Help centre"),
                ("Trailing words.", "Help centre"),
                ("Keep the receipt.", "Help centre > Returns"),
                ("Use the original box.", "Help centre > Returns"),
                ("Item | Window", "Help centre > Returns"),
                ("Shoes | 30 days", "Help centre > Returns"),
                ("Call us on 555\u20110100.", "Help centre > Contact"),
                ("Email", "Help centre > Contact"),
                ("help@acme.test", "Help centre > Contact"),
                ("line one\n    indented", "Help centre > Contact"),
            ],
            document.Blocks.Select(b => (b.Text, string.Join(" > ", b.HeadingPath))));
    }

    [Theory]
    [InlineData("Acme logo")]
    [InlineData("Products")]
    [InlineData("Breadcrumb")]
    [InlineData("hidden")]
    [InlineData("Invisible")]
    [InlineData("script text")]
    [InlineData("color")]
    [InlineData("JavaScript")]
    [InlineData("Search")]
    [InlineData("Related")]
    [InlineData("Copyright")]
    public void Navigation_scripts_styles_forms_and_hidden_content_are_dropped(string noise) =>
        Assert.DoesNotContain(Extract(Page).Blocks, b => b.Text.Contains(noise, StringComparison.OrdinalIgnoreCase));

    [Fact]
    public void The_main_element_is_the_root_when_there_is_one_and_its_own_header_is_kept()
    {
        var document = Extract("""
            <body><div>Site banner text</div>
            <main><article><header><h1>Release notes</h1></header><p>Version 2 is out.</p></article></main>
            <div>Cookie notice</div></body>
            """);

        var block = Assert.Single(document.Blocks);
        Assert.Equal("Version 2 is out.", block.Text);
        Assert.Equal(["Release notes"], block.HeadingPath);
    }

    [Fact]
    public void Thousands_of_unclosed_elements_are_rejected_before_the_parser_spends_minutes_on_them()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 50_000)) + "text";

        var error = Assert.Throws<UnsupportedDocumentException>(() => Extract(html));
        Assert.Contains("nests more than 2000", error.Message);
    }

    [Fact]
    public void Closed_elements_and_tags_inside_scripts_do_not_count_as_nesting() =>
        Assert.Equal(
            "text",
            Assert.Single(Extract(string.Concat(Enumerable.Repeat("<div></div><script>'<div>'</script>", 5_000)) + "<p>text").Blocks).Text);

    private ExtractedDocument Extract(string html) =>
        _extractor.Extract(DocumentKind.Html, Encoding.UTF8.GetBytes(html), CancellationToken.None);
}
