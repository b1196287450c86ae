namespace ChatSphere.Agents.Answering;

/// <summary>
/// Finds the rows of a table among a passage's lines (cells split by '|' or tabs as the extractors write them, or by
/// commas or semicolons as in a raw CSV file) and reads each row as text: "Name: Alice, Age: 30" under a header row.
/// </summary>
internal static class TableRows
{
    private const int MaxHeaderWords = 5;
    private const int MaxCsvCellWords = 8;

    /// <summary>
    /// The rows of the table starting at <paramref name="first"/> (blank lines between rows allowed), read as text,
    /// the header row left out; <paramref name="next"/> is the line after the table. False when no table starts there.
    /// </summary>
    public static bool TryRead(IReadOnlyList<string> lines, int first, out List<string> rows, out int next)
    {
        rows = [];
        next = first;
        var table = Run(lines, first, out next);
        if (table is null)
        {
            return false;
        }

        var header = table.Count >= 2 && IsHeader(table[0]) ? table[0] : null;
        foreach (var cells in header is null ? table : table.Skip(1))
        {
            var row = Read(cells, header);
            if (row.Length > 0)
            {
                rows.Add(row);
            }
        }

        return true;
    }

    // Consecutive lines split by one delimiter into the same number (two or more) of cells. Prose has commas too, so
    // comma and semicolon tables need two rows of short cells without a full stop at the end.
    private static List<string[]>? Run(IReadOnlyList<string> lines, int first, out int next)
    {
        next = first;
        foreach (var delimiter in new[] { '|', '\t', ';', ',' })
        {
            var table = new List<string[]>();
            var end = first;
            for (var i = first; i < lines.Count; i++)
            {
                if (lines[i].Length == 0)
                {
                    continue;
                }

                var cells = Cells(lines[i], delimiter);
                if (cells.Length < 2 || (table.Count > 0 && cells.Length != table[0].Length))
                {
                    break;
                }

                table.Add(cells);
                end = i + 1;
            }

            var loose = delimiter is ';' or ',';
            if (table.Count > 0 && (!loose || (table.Count >= 2 && table.All(IsCsvRow))))
            {
                next = end;
                return table;
            }
        }

        return null;
    }

    private static string[] Cells(string line, char delimiter)
    {
        // The extractors write " | " between cells; a bar inside a word ("|x|p", a norm) is no cell border.
        if (delimiter == '|' && !IsBarRow(line))
        {
            return [];
        }

        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"' && delimiter != '|')
            {
                quoted = !quoted;
            }
            else if (c == delimiter && !quoted)
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString().Trim());
        // "| a | b |" has empty cells outside its edges.
        if (delimiter == '|')
        {
            cells = [.. cells.SkipWhile(c => c.Length == 0).Reverse().SkipWhile(c => c.Length == 0).Reverse()];
        }

        return [.. cells];
    }

    private static bool IsBarRow(string line)
    {
        for (var i = line.IndexOf('|'); i >= 0; i = line.IndexOf('|', i + 1))
        {
            if ((i > 0 && line[i - 1] != ' ') || (i + 1 < line.Length && line[i + 1] != ' '))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsCsvRow(string[] cells) =>
        cells.All(c => Words(c) <= MaxCsvCellWords) && !char.IsPunctuation(cells[^1].LastOrDefault(' '));

    // Column names: short, no digits (a row of data usually has some), no two alike.
    private static bool IsHeader(string[] cells) =>
        cells.All(c => c.Length > 0 && Words(c) <= MaxHeaderWords && !c.Any(char.IsDigit))
        && cells.Distinct(StringComparer.OrdinalIgnoreCase).Count() == cells.Length;

    private static string Read(string[] cells, string[]? header)
    {
        var parts = new List<string>();
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i].Length > 0)
            {
                parts.Add(header is null ? cells[i] : $"{header[i]}: {cells[i]}");
            }
        }

        return string.Join(", ", parts);
    }

    private static int Words(string cell) => cell.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
