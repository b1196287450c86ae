using System.Text;

namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>CSV: the header row names the columns; each data row becomes one block "Header: value; Header: value".</summary>
internal sealed class CsvExtractor
{
    public ExtractedDocument Extract(byte[] bytes, BlockCollector blocks)
    {
        var text = TextDecoder.Decode(bytes);
        var delimiter = CsvReader.DetectDelimiter(text);
        // Excel writes "sep=;" as a first line when it saves with a non-default delimiter.
        if (text.StartsWith("sep=", StringComparison.OrdinalIgnoreCase) && text.Length > 4 && text[4] is not ('\r' or '\n'))
        {
            delimiter = text[4];
            text = text[(text.IndexOf('\n') is var end and >= 0 ? end + 1 : text.Length)..];
        }

        List<string>? headers = null;
        foreach (var record in CsvReader.Read(text, delimiter))
        {
            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (headers is null)
            {
                headers = record.Select(h => Flatten(h)).ToList();
                continue;
            }

            blocks.Add(FormatRow(headers, record), []);
        }

        return blocks.ToDocument(title: null);
    }

    private static string FormatRow(List<string> headers, List<string> record)
    {
        var row = new StringBuilder();
        for (var i = 0; i < record.Count; i++)
        {
            var value = Flatten(record[i]);
            if (value.Length == 0)
            {
                continue;
            }

            var header = i < headers.Count && headers[i].Length > 0 ? headers[i] : $"Column {i + 1}";
            row.Append(row.Length > 0 ? "; " : "").Append(header).Append(": ").Append(value);
        }

        return row.ToString();
    }

    // A value's own line breaks would read as separate lines of the block.
    private static string Flatten(string value) => TextSanitizer.Clean(value).ReplaceLineEndings(" ");
}
