using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatSphere.Core.Ingestion.Extraction;

namespace ChatSphere.Core.Ingestion;

/// <summary>
/// The extraction worker's output format (<see cref="ExtractionRecord"/>), written and read as a stream: neither side
/// holds the JSON whole, and the reader stops at <see cref="ExtractionLimits.MaxWorkerOutputBytes"/>.
/// </summary>
public static class ExtractionWire
{
    // Our own pipe, never HTML: text as UTF-8 (at most 3 bytes a character) rather than \uXXXX escapes.
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static Task WriteAsync(Stream output, ExtractedDocument document) =>
        JsonSerializer.SerializeAsync(output, Records(document), Options);

    public static async Task<ExtractedDocument> ReadAsync(Stream input, ExtractionLimits limits, CancellationToken cancellationToken)
    {
        var blocks = new List<TextBlock>();
        IReadOnlyList<string> headings = [];
        string? title = null;
        var bounded = new CountingReadStream(input, read =>
        {
            if (read > limits.MaxWorkerOutputBytes)
            {
                throw new ExtractionFailedException(
                    $"The text read from the file is larger than {limits.MaxWorkerOutputBytes / (1024 * 1024)} MB, more than one document may hold. Split it into smaller files.");
            }
        });
        await foreach (var record in JsonSerializer.DeserializeAsyncEnumerable<ExtractionRecord>(bounded, Options, cancellationToken))
        {
            switch (record)
            {
                case { Headings: { } path }:
                    headings = path;
                    break;
                case { Text: { } text }:
                    blocks.Add(new TextBlock(text, headings, record.Page));
                    break;
                case { Title: { } name }:
                    title = name;
                    break;
            }
        }

        return new ExtractedDocument(blocks, title);
    }

    private static IEnumerable<ExtractionRecord> Records(ExtractedDocument document)
    {
        IReadOnlyList<string> headings = [];
        foreach (var block in document.Blocks)
        {
            if (!ReferenceEquals(block.HeadingPath, headings) && !block.HeadingPath.SequenceEqual(headings))
            {
                yield return new ExtractionRecord(Headings: block.HeadingPath);
            }

            headings = block.HeadingPath;
            yield return new ExtractionRecord(block.Text, block.Page);
        }

        if (document.Title is not null)
        {
            yield return new ExtractionRecord(Title: document.Title);
        }
    }
}
