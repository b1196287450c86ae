using System.Text;
using ChatSphere.Core.Bots;

namespace ChatSphere.Core.Ingestion.Chunking;

/// <summary>
/// Packs the segments of one section into chunk texts: whole blocks greedily up to the limit, each chunk
/// after the first opening with the previous chunk's last sentences, and a tiny chunk folded into the one before.
/// </summary>
internal sealed class SectionPacker(List<Segment> segments, ChunkingOptions options, TokenCounter tokens)
{
    // A chunk is segments [From, End); [From, Start) repeats the end of the previous chunk.
    private readonly record struct Range(int From, int Start, int End);

    /// <summary>The chunk texts with their exact token counts (counted while packing, so not counted again).</summary>
    public IEnumerable<(string Text, int Tokens)> Pack()
    {
        var chunks = new List<(Range Range, string Text, int Tokens)>();
        var next = 0;
        while (next < segments.Count)
        {
            var chunk = Fill(chunks.Count == 0 ? next : OverlapStart(chunks[^1].Range), next);
            if (chunks.Count > 0 && Cost(chunk.Range.Start, chunk.Range.End) < BotLimits.MinChunkTokens)
            {
                var merged = Counted(new Range(chunks[^1].Range.From, chunks[^1].Range.Start, chunk.Range.End));
                if (merged.Tokens <= options.MaxTokens * 5 / 4)
                {
                    chunk = merged;
                    chunks.RemoveAt(chunks.Count - 1);
                }
            }

            chunks.Add(chunk);
            next = chunk.Range.End;
        }

        return chunks.Select(c => (c.Text, c.Tokens));
    }

    private (Range Range, string Text, int Tokens) Fill(int from, int start)
    {
        var end = start;
        while (end < segments.Count)
        {
            var atomEnd = AtomEnd(end);
            if (Cost(from, atomEnd) <= options.MaxTokens)
            {
                end = atomEnd;
            }
            else if (end == start && from < start)
            {
                from++; // the overlap gives way to new text
            }
            else
            {
                // Segments never exceed the limit, so an empty chunk only happens when the estimate was off.
                end = end == start ? atomEnd : end;
                break;
            }
        }

        return Trim(new Range(from, start, end));
    }

    // The estimate adds segment counts; the exact count of the joined text decides.
    private (Range Range, string Text, int Tokens) Trim(Range range)
    {
        var chunk = Counted(range);
        while (chunk.Tokens > options.MaxTokens)
        {
            var lastAtom = AtomStart(range.End - 1);
            if (lastAtom > range.Start)
            {
                range = range with { End = lastAtom };
            }
            else if (range.From < range.Start)
            {
                range = range with { From = range.From + 1 };
            }
            else
            {
                break;
            }

            chunk = Counted(range);
        }

        return chunk;
    }

    private (Range Range, string Text, int Tokens) Counted(Range range)
    {
        var text = Join(range);
        return (range, text, tokens.Count(text));
    }

    // Whole trailing sentences of the previous chunk's own text, up to the overlap budget.
    private int OverlapStart(Range previous)
    {
        var from = previous.End;
        while (from > previous.Start + 1 && Cost(from - 1, previous.End) <= options.OverlapTokens)
        {
            from--;
        }

        return from;
    }

    private int AtomEnd(int index)
    {
        var end = index + 1;
        while (end < segments.Count && segments[end].Atom == segments[index].Atom)
        {
            end++;
        }

        return end;
    }

    private int AtomStart(int index)
    {
        var start = index;
        while (start > 0 && segments[start - 1].Atom == segments[index].Atom)
        {
            start--;
        }

        return start;
    }

    // Counted tokens plus one for each paragraph break between blocks.
    private int Cost(int from, int end)
    {
        var cost = 0;
        for (var i = from; i < end; i++)
        {
            cost += segments[i].Tokens + (i > from && segments[i].Block != segments[i - 1].Block ? 1 : 0);
        }

        return cost;
    }

    private string Join(Range range)
    {
        var text = new StringBuilder();
        for (var i = range.From; i < range.End; i++)
        {
            if (i > range.From)
            {
                text.Append(segments[i].Block == segments[i - 1].Block ? " " : "\n\n");
            }

            text.Append(segments[i].Text);
        }

        return text.ToString();
    }
}
