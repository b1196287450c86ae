using System.IO.Compression;
using System.Text;

namespace ChatSphere.Testing;

/// <summary>Hostile documents made in memory, for the unit and the integration tests alike.</summary>
public static class TestDocuments
{
    /// <summary>
    /// A one-page PDF whose content stream is Flate data that inflates to <paramref name="megabytes"/> MB of spaces
    /// (about a thousand times its size): PdfPig would inflate it whole to read the page.
    /// </summary>
    public static byte[] PdfBomb(int megabytes)
    {
        using var data = new MemoryStream();
        using (var zlib = new ZLibStream(data, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (var i = 0; i < megabytes; i++)
            {
                zlib.Write(spaces);
            }
        }

        using var pdf = new MemoryStream();
        pdf.Write(Encoding.ASCII.GetBytes(
            "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n" +
            "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>\nendobj\n" +
            $"4 0 obj\n<< /Length {data.Length} /Filter /FlateDecode >>\nstream\n"));
        data.WriteTo(pdf);
        pdf.Write("\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"u8);
        return pdf.ToArray();
    }
}
