namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>The headings above the current position, outermost first; a heading replaces those at its level and below.</summary>
internal sealed class HeadingTrail
{
    private readonly List<(int Level, string Text)> _headings = [];
    private IReadOnlyList<string> _path = [];

    public IReadOnlyList<string> Path => _path;

    public void Push(int level, string text)
    {
        var heading = TextSanitizer.Clean(text).ReplaceLineEndings(" ");
        if (heading.Length == 0)
        {
            return;
        }

        _headings.RemoveAll(h => h.Level >= level);
        _headings.Add((level, heading));
        // A new array per change, so blocks already collected keep the path they were given.
        _path = _headings.Select(h => h.Text).ToArray();
    }
}
