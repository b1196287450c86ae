using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace ChatSphere.UnitTests.Ingestion.Extraction;

/// <summary>Builds PDFs in memory: each page is a list of lines written top-down in Helvetica; null leaves a paragraph gap.</summary>
internal static class TestPdf
{
    public static byte[] Build(string? title, params string?[][] pages)
    {
        using var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = title;
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var lines in pages)
        {
            var page = builder.AddPage(PageSize.A4);
            var y = 780.0;
            foreach (var line in lines)
            {
                if (line is not null)
                {
                    page.AddText(line, 12, new PdfPoint(72, y), font);
                }

                y -= 15;
            }
        }

        return builder.Build();
    }
}
