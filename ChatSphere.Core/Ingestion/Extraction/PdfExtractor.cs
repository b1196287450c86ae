using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;
using UglyToad.PdfPig.Exceptions;

namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>
/// PDF through PdfPig: words by nearest neighbour, paragraphs by Docstrum, blocks in reading order, one page at a time.
/// PdfPig can hang or overflow the stack on hostile files (#1047, #1237); cancellation is checked between pages,
/// and isolating the process is the job's concern. Flate streams are measured before PdfPig inflates them (<see cref="PdfStreams"/>).
/// </summary>
internal sealed class PdfExtractor
{
    // Single-threaded: ingestion shares the machine with the web site.
    private static readonly NearestNeighbourWordExtractor Words = new(new() { MaxDegreeOfParallelism = 1 });
    private static readonly DocstrumBoundingBoxes Paragraphs = new(new() { MaxDegreeOfParallelism = 1 });

    public ExtractedDocument Extract(byte[] bytes, BlockCollector blocks)
    {
        PdfStreams.Verify(bytes, blocks.Limits, blocks.CancellationToken);
        try
        {
            using var document = PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            for (var number = 1; number <= document.NumberOfPages; number++)
            {
                blocks.CancellationToken.ThrowIfCancellationRequested();
                foreach (var paragraph in ReadPage(document.GetPage(number)))
                {
                    blocks.Add(paragraph, [], number);
                }
            }

            return blocks.ToDocument(document.Information.Title);
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new UnsupportedDocumentException("The PDF is password-protected. Remove the password and upload it again.", ex);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or UnsupportedDocumentException or OutOfMemoryException))
        {
            // PdfPig reports damaged files with many exception types; none of them is worth retrying.
            throw new UnsupportedDocumentException("The PDF could not be read: it looks damaged or uses features we cannot read.", ex);
        }
    }

    private static IEnumerable<string> ReadPage(Page page)
    {
        var words = page.GetWords(Words).ToList();
        if (words.Count == 0)
        {
            return [];
        }

        var regions = Paragraphs.GetBlocks(words);
        return UnsupervisedReadingOrderDetector.Instance.Get(regions)
            .Select(region => PdfLines.Join(region.TextLines.Select(line => line.Text)));
    }
}
