using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>
/// Which paragraph styles are headings: Title is level 0, Heading1-9 are 1-9. Matched by style id, by name
/// ("heading 1": localised Word keeps the English name but not the id), by outline level, then by the style it is based on.
/// </summary>
internal sealed class DocxStyles
{
    private const int MaxBasedOnDepth = 10;

    private readonly Dictionary<string, Style> _styles;
    private readonly Dictionary<string, int?> _levels = new(StringComparer.OrdinalIgnoreCase);

    public DocxStyles(MainDocumentPart part)
    {
        _styles = (part.StyleDefinitionsPart?.Styles?.Elements<Style>() ?? [])
            .Where(s => s.StyleId?.Value is not null)
            .GroupBy(s => s.StyleId!.Value!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
    }

    public int? HeadingLevel(Paragraph paragraph)
    {
        var properties = paragraph.ParagraphProperties;
        if (properties?.OutlineLevel?.Val?.Value is { } outline and < 9)
        {
            return outline + 1;
        }

        return properties?.ParagraphStyleId?.Val?.Value is { } styleId ? LevelOf(styleId, 0) : null;
    }

    private int? LevelOf(string styleId, int depth)
    {
        if (_levels.TryGetValue(styleId, out var known))
        {
            return known;
        }

        var level = LevelFromName(styleId);
        if (level is null && _styles.TryGetValue(styleId, out var style))
        {
            level = LevelFromName(style.StyleName?.Val?.Value)
                ?? (style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is { } outline and < 9 ? outline + 1 : (int?)null)
                ?? (depth < MaxBasedOnDepth && style.BasedOn?.Val?.Value is { } parent ? LevelOf(parent, depth + 1) : (int?)null);
        }

        _levels[styleId] = level;
        return level;
    }

    // "Heading2", "heading 2" and "Title" (ids and built-in names alike).
    private static int? LevelFromName(string? name)
    {
        var compact = name?.Replace(" ", "", StringComparison.Ordinal);
        if (string.Equals(compact, "Title", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        return compact is { Length: 8 } && compact.StartsWith("Heading", StringComparison.OrdinalIgnoreCase) &&
            compact[7] is >= '1' and <= '9'
            ? compact[7] - '0'
            : null;
    }
}
