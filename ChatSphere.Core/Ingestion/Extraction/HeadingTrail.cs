namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>
/// The headings above the current position, outermost first; a heading replaces those at its level and below. Every
/// block under a heading carries the path, so a heading is cut to <see cref="ExtractionLimits.MaxHeadingLength"/> and
/// the path to <see cref="ExtractionLimits.MaxHeadingDepth"/> headings.
/// </summary>
internal sealed class HeadingTrail(ExtractionLimits limits)
{
    private readonly List<(int Level, string Text)> _headings = [];
    private IReadOnlyList<string> _path = [];

    public IReadOnlyList<string> Path => _path;

    public void Push(int level, string text)
    {
        var heading = Cut(TextSanitizer.Clean(text).ReplaceLineEndings(" "), limits.MaxHeadingLength);
        if (heading.Length == 0)
        {
            return;
        }

        _headings.RemoveAll(h => h.Level >= level);
        if (_headings.Count >= limits.MaxHeadingDepth)
        {
            _headings.RemoveRange(limits.MaxHeadingDepth - 1, _headings.Count - limits.MaxHeadingDepth + 1);
        }

        _headings.Add((level, heading));
        // A new array per change, so blocks already collected keep the path they were given.
        _path = _headings.Select(h => h.Text).ToArray();
    }

    /// <summary>At most <paramref name="length"/> characters, cut at a word where there is one, marked with an ellipsis.</summary>
    public static string Cut(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        var end = text.LastIndexOf(' ', length - 1, Math.Min(length - 1, 40));
        end = end > 0 ? end : length - 1;
        // Never between the two halves of a surrogate pair: a lone half cannot be stored.
        end -= end > 0 && char.IsHighSurrogate(text[end - 1]) ? 1 : 0;
        return text[..end].TrimEnd() + "…";
    }
}
