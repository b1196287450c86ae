using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ChatSphere.Web.Chat;

/// <summary>
/// Renders model output as Markdown that cannot act: raw HTML is escaped, links keep only http, https and mailto,
/// and images never load (an external image is how an answer can leak a conversation, CVE-2025-32711), they
/// become their alt text.
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Build();

    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (link.IsImage || !IsAllowed(link.Url))
            {
                ReplaceWithText(link);
            }
            else
            {
                link.GetAttributes().AddPropertyIfNotExist("rel", "noopener noreferrer nofollow");
                link.GetAttributes().AddPropertyIfNotExist("target", "_blank");
            }
        }

        foreach (var link in document.Descendants<AutolinkInline>().Where(l => !IsAllowed(l.Url)).ToList())
        {
            link.ReplaceBy(new LiteralInline(link.Url));
        }

        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        return writer.ToString();
    }

    private static bool IsAllowed(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto";

    /// <summary>Keeps what the link said (its text, or an image's alt text) as plain text.</summary>
    private static void ReplaceWithText(LinkInline link)
    {
        var text = string.Concat(link.Descendants<LiteralInline>().Select(l => l.Content.ToString()));
        link.ReplaceBy(new LiteralInline(link.IsImage ? $"[image: {text}]" : text));
    }
}
