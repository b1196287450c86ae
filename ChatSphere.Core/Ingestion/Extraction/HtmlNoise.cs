using AngleSharp.Dom;

namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>Elements that are not the page's main text: code, chrome (navigation, banners, footers), forms and hidden content.</summary>
internal static class HtmlNoise
{
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "math", "nav", "aside", "form", "iframe",
        "object", "embed", "canvas", "button", "select", "head",
    };

    private static readonly HashSet<string> ChromeRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        "navigation", "banner", "contentinfo", "complementary", "search",
    };

    public static bool IsNoise(IElement element)
    {
        var name = element.LocalName;
        if (Dropped.Contains(name) || IsHidden(element) ||
            (element.GetAttribute("role") is { } role && ChromeRoles.Contains(role.Trim())))
        {
            return true;
        }

        // A header or footer is the page's banner or footer only outside articles and sections (ARIA's mapping);
        // inside an article it holds the article's own heading.
        return name is "header" or "footer" && element.ParentElement?.Closest("article, main, section, [role=main]") is null;
    }

    private static bool IsHidden(IElement element)
    {
        if (element.HasAttribute("hidden") ||
            string.Equals(element.GetAttribute("aria-hidden")?.Trim(), "true", StringComparison.OrdinalIgnoreCase) ||
            (element.LocalName == "dialog" && !element.HasAttribute("open")))
        {
            return true;
        }

        var style = element.GetAttribute("style");
        if (string.IsNullOrEmpty(style))
        {
            return false;
        }

        var compact = style.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        return compact.Contains("display:none", StringComparison.Ordinal) || compact.Contains("visibility:hidden", StringComparison.Ordinal);
    }
}
