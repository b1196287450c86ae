namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>Names common binary formats by their first bytes, so a mislabelled upload gets a helpful message.</summary>
internal static class BinarySignature
{
    public static string? Describe(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [(byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-', ..] => "a PDF document",
        [(byte)'P', (byte)'K', 3, 4, ..] or [(byte)'P', (byte)'K', 5, 6, ..] => "a zip archive (Word, Excel and PowerPoint files are zips)",
        [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => "a PNG image",
        [0xFF, 0xD8, 0xFF, ..] => "a JPEG image",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] => "a GIF image",
        [0x7F, (byte)'E', (byte)'L', (byte)'F', ..] => "a Linux program",
        [0xD0, 0xCF, 0x11, 0xE0, ..] => "an old-style Office file (.doc, .xls)",
        [0x1F, 0x8B, ..] => "a gzip archive",
        // "MZ" can start a sentence; a real program header has a NUL right after it.
        [(byte)'M', (byte)'Z', ..] when bytes[..Math.Min(bytes.Length, 64)].Contains((byte)0) => "a Windows program",
        _ => null,
    };
}
