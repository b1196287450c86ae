using System.Text;
using System.Text.Unicode;

namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>Whether bytes are text we can decode (UTF-8, or UTF-16 with a BOM) rather than a binary file.</summary>
internal static class TextCheck
{
    public static void Verify(ReadOnlySpan<byte> bytes, string kindName)
    {
        if (BinarySignature.Describe(bytes) is { } binary)
        {
            throw new UnsupportedDocumentException($"The file claims to be {kindName} but is really {binary}.");
        }

        if (TextDecoder.HasUtf16Bom(bytes))
        {
            VerifyUtf16(bytes, kindName);
            return;
        }

        var body = bytes is [0xEF, 0xBB, 0xBF, ..] ? bytes[3..] : bytes;
        // Text has no NULs; binary formats are full of them. A few are tolerated (and removed later).
        if (body.Count((byte)0) > body.Length / 100)
        {
            throw NotText(kindName);
        }

        if (!Utf8.IsValid(body) && CountInvalidUtf8(body) > Tolerance(body.Length))
        {
            throw new UnsupportedDocumentException(
                $"The file claims to be {kindName} but is not UTF-8 text: it may be a binary file, or text saved in an " +
                "older encoding. Save it as UTF-8 and upload it again.");
        }
    }

    private static void VerifyUtf16(ReadOnlySpan<byte> bytes, string kindName)
    {
        var text = TextDecoder.Decode(bytes);
        var suspicious = text.AsSpan().Count('\0') + text.AsSpan().Count('\uFFFD');
        if (suspicious > Math.Max(text.Length / 100, Tolerance(bytes.Length)))
        {
            throw NotText(kindName);
        }
    }

    // Room for a truncated last character or a stray byte, not for a file in another encoding.
    private static int Tolerance(int length) => Math.Max(4, length / 1000);

    private static int CountInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var invalid = 0;
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                invalid++;
            }

            bytes = bytes[consumed..];
        }

        return invalid;
    }

    private static UnsupportedDocumentException NotText(string kindName) =>
        new($"The file claims to be {kindName} but looks like a binary file, not text.");
}
