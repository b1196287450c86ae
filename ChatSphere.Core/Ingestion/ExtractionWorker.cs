using ChatSphere.Core.Ingestion.Extraction;

namespace ChatSphere.Core.Ingestion;

/// <summary>
/// The child-process side of <see cref="DocumentExtraction"/>: reads a file on stdin, writes the extracted
/// document on stdout as it streams (<see cref="ExtractionWire"/>). Run as <c>ChatSphere.Web extract-worker KIND</c>.
/// </summary>
public static class ExtractionWorker
{
    public const string Command = "extract-worker";
    public const int UnsupportedExitCode = 3;

    public static async Task<int> RunAsync(string kindName)
    {
        if (!Enum.TryParse<DocumentKind>(kindName, out var kind))
        {
            await Console.Error.WriteAsync($"Unknown document kind '{kindName}'.");
            return 2;
        }

        using var input = new MemoryStream();
        await Console.OpenStandardInput().CopyToAsync(input);
        try
        {
            var document = new DocumentExtractor().Extract(kind, input.ToArray(), CancellationToken.None);
            await using var output = Console.OpenStandardOutput();
            await ExtractionWire.WriteAsync(output, document);
            return 0;
        }
        catch (UnsupportedDocumentException ex)
        {
            await Console.Error.WriteAsync(ex.Message);
            return UnsupportedExitCode;
        }
    }
}
