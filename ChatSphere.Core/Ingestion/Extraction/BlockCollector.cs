namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>
/// Gathers an extractor's blocks: every text is sanitised, empty ones are dropped, cancellation is honoured, and the
/// document is held to <see cref="ExtractionLimits"/> as it grows: a block longer than the cap is split, and a document
/// with more text or blocks than allowed fails with the reason, before it can take more memory.
/// </summary>
internal sealed class BlockCollector(ExtractionLimits limits, CancellationToken cancellationToken)
{
    private readonly List<TextBlock> _blocks = [];
    private IReadOnlyList<string>? _lastPath;
    private long _length;

    public ExtractionLimits Limits => limits;

    public CancellationToken CancellationToken => cancellationToken;

    public void Add(string text, IReadOnlyList<string> headingPath, int? page = null, bool preformatted = false)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var clean = preformatted ? TextSanitizer.CleanPreformatted(text) : TextSanitizer.Clean(text);
        if (clean.Length == 0)
        {
            return;
        }

        // A new heading path is stored once and shared by its blocks, so it counts once.
        if (!ReferenceEquals(headingPath, _lastPath))
        {
            _lastPath = headingPath;
            Count(headingPath.Sum(h => (long)h.Length));
        }

        for (var start = 0; start < clean.Length;)
        {
            var piece = Piece(clean, start, limits.MaxBlockLength);
            start += piece.Length;
            piece = piece.Length == clean.Length ? piece : piece.Trim();
            if (piece.Length == 0)
            {
                continue;
            }

            if (_blocks.Count >= limits.MaxBlocks)
            {
                throw new UnsupportedDocumentException(
                    $"The document has more than {limits.MaxBlocks:N0} paragraphs, rows or other blocks of text, more than one document may hold. Split it into smaller files.");
            }

            Count(piece.Length);
            _blocks.Add(new TextBlock(piece, headingPath, page));
        }
    }

    public ExtractedDocument ToDocument(string? title)
    {
        var cleanTitle = title is null ? "" : HeadingTrail.Cut(TextSanitizer.Clean(title).ReplaceLineEndings(" "), limits.MaxHeadingLength);
        return new ExtractedDocument(_blocks, cleanTitle.Length > 0 ? cleanTitle : null);
    }

    private void Count(long characters)
    {
        _length += characters;
        if (_length > limits.MaxTextLength)
        {
            throw new UnsupportedDocumentException(
                $"The document has more than {limits.MaxTextLength:N0} characters of text, more than one document may hold. Split it into smaller files.");
        }
    }

    // The whole rest when it fits; else up to the cap, ending after the last line break or space in its second half.
    private static string Piece(string text, int start, int max)
    {
        if (text.Length - start <= max)
        {
            return start == 0 ? text : text[start..];
        }

        var end = text.AsSpan(start + max / 2, max / 2).LastIndexOfAny(' ', '\n');
        var length = end >= 0 ? max / 2 + end + 1 : max;
        length -= char.IsHighSurrogate(text[start + length - 1]) ? 1 : 0;
        return text.Substring(start, length);
    }
}
