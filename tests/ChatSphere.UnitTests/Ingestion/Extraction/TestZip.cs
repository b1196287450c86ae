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

    public const string ContentTypes =
        """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>""";
}
