namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>A PDF starts with "%PDF-"; readers accept up to 1 KB of junk before it, and so do we.</summary>
internal static class PdfSignature
{
    private const int AllowedJunk = 1024;

    public static void Verify(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, AllowedJunk + 5)];
        if (head.IndexOf("%PDF-"u8) >= 0)
        {
            return;
        }

        var actually = BinarySignature.Describe(bytes) is { } binary ? $"; it is really {binary}" : "";
        throw new UnsupportedDocumentException($"The file claims to be a PDF but is not a PDF document (it does not start with %PDF-){actually}.");
    }
}
