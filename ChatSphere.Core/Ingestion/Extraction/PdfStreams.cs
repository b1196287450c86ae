using System.IO.Compression;

namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>
/// The decompression-bomb check of a PDF: PdfPig inflates a Flate stream whole into memory when it reads it, and sets no
/// limit. Each stream whose dictionary names FlateDecode is inflated here first into a small buffer that is thrown away,
/// counting, and the file is rejected as soon as one would exceed <see cref="ExtractionLimits.MaxUncompressedBytes"/>.
/// </summary>
internal static class PdfStreams
{
    // How far back from "stream" a stream's dictionary is looked for.
    private const int DictionaryWindow = 4096;

    public static void Verify(byte[] pdf, ExtractionLimits limits, CancellationToken cancellationToken)
    {
        var scratch = new byte[64 * 1024];
        var keyword = "stream"u8;
        for (var at = pdf.AsSpan().IndexOf(keyword); at >= 0; at = Next(pdf, at + keyword.Length, keyword))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var data = DataStart(pdf, at + keyword.Length);
            if (data < 0 || at >= 3 && pdf.AsSpan(at - 3, 3).SequenceEqual("end"u8) || !IsFlate(pdf, at))
            {
                continue;
            }

            if (InflatedLength(pdf, data, limits.MaxUncompressedBytes, scratch) > limits.MaxUncompressedBytes)
            {
                throw new UnsupportedDocumentException(
                    "The PDF was rejected as unsafe (a possible decompression bomb): one of its compressed streams " +
                    $"expands to more than {limits.MaxUncompressedBytes / (1024 * 1024)} MB.");
            }
        }
    }

    private static int Next(byte[] pdf, int from, ReadOnlySpan<byte> keyword) =>
        pdf.AsSpan(from).IndexOf(keyword) is var found and >= 0 ? from + found : -1;

    // The keyword is followed by CRLF or LF, then the data (PDF 32000-1, 7.3.8.1).
    private static int DataStart(byte[] pdf, int after) =>
        after < pdf.Length && pdf[after] == '\n' ? after + 1
        : after + 1 < pdf.Length && pdf[after] == '\r' && pdf[after + 1] == '\n' ? after + 2
        : -1;

    // The dictionary just before the keyword: from the last "obj" (or the window's start) up to it.
    private static bool IsFlate(byte[] pdf, int keyword)
    {
        var start = Math.Max(0, keyword - DictionaryWindow);
        var window = pdf.AsSpan(start, keyword - start);
        var obj = window.LastIndexOf("obj"u8);
        var dictionary = obj >= 0 ? window[obj..] : window;
        return dictionary.IndexOf("/FlateDecode"u8) >= 0 && dictionary.IndexOf(">>"u8) >= 0;
    }

    /// <summary>Bytes the zlib data at <paramref name="offset"/> inflates to, counting up to just past <paramref name="limit"/>; 0 when it is not zlib data.</summary>
    private static long InflatedLength(byte[] pdf, int offset, long limit, byte[] scratch)
    {
        long total = 0;
        try
        {
            using var inflater = new ZLibStream(new MemoryStream(pdf, offset, pdf.Length - offset, writable: false), CompressionMode.Decompress);
            int read;
            while (total <= limit && (read = inflater.Read(scratch)) > 0)
            {
                total += read;
            }
        }
        catch (InvalidDataException)
        {
            // Damaged or not zlib (PdfPig is lenient about both): what was inflated before the damage still counts.
        }

        return total;
    }
}
