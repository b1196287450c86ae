namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>Plain text: paragraphs are separated by blank lines; there are no headings.</summary>
internal sealed class PlainTextExtractor
{
    public ExtractedDocument Extract(byte[] bytes, BlockCollector blocks)
    {
        // Cleaning first makes every paragraph break exactly one blank line.
        foreach (var paragraph in TextSanitizer.Clean(TextDecoder.Decode(bytes)).Split("\n\n"))
        {
            blocks.Add(paragraph, []);
        }

        return blocks.ToDocument(title: null);
    }
}
