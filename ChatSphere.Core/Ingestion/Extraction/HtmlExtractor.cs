using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>
/// HTML's main text: the <c>main</c> element (or the only <c>article</c>, else <c>body</c>) without navigation, scripts
/// and hidden content; h1-h6 build the heading path; paragraphs, list items, quotes, code and table rows are blocks.
/// </summary>
internal sealed class HtmlExtractor
{
    public ExtractedDocument Extract(byte[] bytes, BlockCollector blocks)
    {
        var html = TextDecoder.Decode(bytes);
        if (HtmlNesting.MaxDepth(html) > blocks.Limits.MaxHtmlNesting)
        {
            throw new UnsupportedDocumentException(
                $"The HTML page nests more than {blocks.Limits.MaxHtmlNesting} unclosed elements, too deep to read. Check that its tags are closed.");
        }

        var parser = new HtmlParser(new HtmlParserOptions { SkipComments = true });
        using var document = parser.ParseDocument(html);
        if (MainElement(document) is { } root)
        {
            new HtmlWalker(blocks).Read(root);
        }

        return blocks.ToDocument(document.Title);
    }

    private static IElement? MainElement(IDocument document)
    {
        if (document.QuerySelector("main, [role=main]") is { } main)
        {
            return main;
        }

        // Several articles make a listing page: then the whole body is the content.
        var articles = document.QuerySelectorAll("article");
        return articles.Length == 1 ? articles[0] : document.Body ?? document.DocumentElement;
    }
}
