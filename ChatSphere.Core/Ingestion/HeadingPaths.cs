namespace ChatSphere.Core.Ingestion;

/// <summary>How a chunk's place in its document is written: "Document > Heading > Subheading".</summary>
public static class HeadingPaths
{
    public const string Separator = " > ";

    /// <summary>Joins the document's own name with the chunk's headings, dropping a first heading that repeats the name.</summary>
    public static string Join(string documentName, IReadOnlyList<string> headings)
    {
        var parts = headings.SkipWhile(h => string.Equals(h.Trim(), documentName, StringComparison.OrdinalIgnoreCase));
        var path = string.Join(Separator, parts.Prepend(documentName).Where(p => p.Length > 0));
        return path.Length <= 1000 ? path : path[..1000];
    }

    /// <summary>
    /// <see cref="Join"/> for each chunk, in order; chunks of one section share their heading list, and then share the
    /// joined string too rather than holding a copy each.
    /// </summary>
    public static List<string> JoinAll(string documentName, IEnumerable<IReadOnlyList<string>> headingPaths)
    {
        var joined = new List<string>();
        IReadOnlyList<string>? last = null;
        foreach (var headings in headingPaths)
        {
            joined.Add(ReferenceEquals(headings, last) ? joined[^1] : Join(documentName, headings));
            last = headings;
        }

        return joined;
    }

    /// <summary>The name a document goes by in citations and search: its title, else its file name without extension.</summary>
    public static string DocumentName(string? title, string fileName) =>
        string.IsNullOrWhiteSpace(title) ? Path.GetFileNameWithoutExtension(fileName) : title.Trim();
}
