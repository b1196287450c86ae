using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace ChatSphere.UnitTests.Ingestion.Extraction;

/// <summary>Zips built in memory, including zip bombs, without any fixture files.</summary>
internal static class TestZip
{
    public static byte[] Build(params (string Name, string Content)[] entries) =>
        Build(entries.Select(e => (e.Name, (Action<Stream>)(s => s.Write(Encoding.UTF8.GetBytes(e.Content))))));

    public static byte[] Build(IEnumerable<(string Name, Action<Stream> Write)> entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, write) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                write(stream);
            }
        }

        return output.ToArray();
    }

    /// <summary>Writes <paramref name="megabytes"/> MB of zero bytes in chunks: deflate shrinks them about a thousand times.</summary>
    public static Action<Stream> Zeros(int megabytes) => stream =>
    {
        var chunk = new byte[1024 * 1024];
        for (var i = 0; i < megabytes; i++)
        {
            stream.Write(chunk);
        }
    };

    /// <summary>
    /// The zip with every entry's uncompressed size rewritten to <paramref name="size"/> in its local header and in the
    /// central directory: a bomb that lies to checks which trust the declared sizes.
    /// </summary>
    public static byte[] Understated(byte[] zip, uint size)
    {
        var patched = zip.ToArray();
        var span = patched.AsSpan();
        for (var at = 0; at + 46 <= span.Length; at++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(span[at..]);
            if (signature == 0x04034b50)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 22)..], size);
            }
            else if (signature == 0x02014b50)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 24)..], size);
            }
        }

        return patched;
    }

    public const string ContentTypes =
        """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>""";
}
