namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>Gathers an extractor's blocks: every text is sanitised, empty ones are dropped, cancellation is honoured.</summary>
internal sealed class BlockCollector(CancellationToken cancellationToken)
{
    private readonly List<TextBlock> _blocks = [];

    public void Add(string text, IReadOnlyList<string> headingPath, int? page = null, bool preformatted = false)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var clean = preformatted ? TextSanitizer.CleanPreformatted(text) : TextSanitizer.Clean(text);
        if (clean.Length > 0)
        {
            _blocks.Add(new TextBlock(clean, headingPath, page));
        }
    }

    public ExtractedDocument ToDocument(string? title)
    {
        var cleanTitle = title is null ? "" : TextSanitizer.Clean(title).ReplaceLineEndings(" ");
        return new ExtractedDocument(_blocks, cleanTitle.Length > 0 ? cleanTitle : null);
    }
}
