using System.Buffers.Binary;
using System.IO.Compression;

namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>
/// Checks a DOCX's zip before anything is decompressed: it must be a zip holding a Word document, and its
/// central directory must stay within <see cref="ExtractionLimits"/> (the zip-bomb check).
/// </summary>
internal static class DocxPackage
{
    private const string NotWord = "The file claims to be a Word document (.docx) but is not one";

    public static void Verify(byte[] bytes, ExtractionLimits limits)
    {
        if (bytes is not [(byte)'P', (byte)'K', 3, 4, ..])
        {
            throw new UnsupportedDocumentException($"{NotWord}: it is not a zip archive, as every .docx is.");
        }

        // Counted from the end record before ZipArchive lists (and allocates) every entry.
        if (DeclaredEntryCount(bytes) > limits.MaxZipEntries)
        {
            throw TooManyEntries(limits);
        }

        var entries = ReadEntries(bytes);
        if (entries.Count > limits.MaxZipEntries)
        {
            throw TooManyEntries(limits);
        }

        long totalLength = 0, totalCompressed = 0;
        foreach (var (name, length, compressed) in entries)
        {
            totalLength += length;
            totalCompressed += compressed;
            if (Expands(length, compressed, limits))
            {
                throw Bomb($"its part \"{name}\" expands {Ratio(length, compressed)} times");
            }
        }

        if (totalLength > limits.MaxUncompressedBytes)
        {
            throw Bomb($"it would unpack to {Size(totalLength)} (the limit is {Size(limits.MaxUncompressedBytes)})");
        }

        if (Expands(totalLength, totalCompressed, limits))
        {
            throw Bomb($"it expands {Ratio(totalLength, totalCompressed)} times when unpacked");
        }

        // Part names in a package are case-insensitive.
        if (!entries.Any(e => e.Name.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase)) ||
            !entries.Any(e => e.Name.Equals("word/document.xml", StringComparison.OrdinalIgnoreCase)))
        {
            throw new UnsupportedDocumentException($"{NotWord}: the zip has no Word document inside (word/document.xml).");
        }
    }

    // Read mode on a seekable stream reads only the central directory: sizes as declared, nothing decompressed.
    private static List<(string Name, long Length, long Compressed)> ReadEntries(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            return zip.Entries.Select(e => (e.FullName, e.Length, e.CompressedLength)).ToList();
        }
        catch (InvalidDataException)
        {
            throw new UnsupportedDocumentException($"{NotWord}: its zip structure is damaged.");
        }
    }

    private static bool Expands(long length, long compressed, ExtractionLimits limits) =>
        length >= limits.RatioFloorBytes && length > limits.MaxExpansionRatio * Math.Max(compressed, 1);

    private static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024 * 1024)} MB" : $"{bytes:N0} bytes";

    private static long Ratio(long length, long compressed) => length / Math.Max(compressed, 1);

    // The end-of-central-directory record: signature PK\5\6, entry count at +10. 0xFFFF means ZIP64 (left to ZipArchive).
    private static int DeclaredEntryCount(ReadOnlySpan<byte> bytes)
    {
        var tail = bytes[Math.Max(0, bytes.Length - 22 - ushort.MaxValue)..];
        var end = tail.LastIndexOf("PK\u0005\u0006"u8);
        if (end < 0 || tail.Length - end < 22)
        {
            return 0;
        }

        var count = BinaryPrimitives.ReadUInt16LittleEndian(tail[(end + 10)..]);
        return count == ushort.MaxValue ? 0 : count;
    }

    private static UnsupportedDocumentException TooManyEntries(ExtractionLimits limits) =>
        new($"The Word document was rejected as unsafe: its zip holds more than {limits.MaxZipEntries} files.");

    private static UnsupportedDocumentException Bomb(string why) =>
        new($"The Word document was rejected as unsafe (a possible zip bomb): {why}.");
}
