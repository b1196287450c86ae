using System.Text;

namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>Bytes to text by BOM: UTF-16 when it says so, else UTF-8 (invalid bytes become U+FFFD).</summary>
internal static class TextDecoder
{
    public static string Decode(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xEF, 0xBB, 0xBF, ..] => Encoding.UTF8.GetString(bytes[3..]),
        [0xFF, 0xFE, ..] => Encoding.Unicode.GetString(bytes[2..]),
        [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode.GetString(bytes[2..]),
        _ => Encoding.UTF8.GetString(bytes),
    };

    public static bool HasUtf16Bom(ReadOnlySpan<byte> bytes) => bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..];
}
