namespace ChatSphere.Core.Ingestion.Chunking;

/// <summary>Cuts the blocks of one section into sentence segments no longer than the chunk size.</summary>
internal static class SectionSegmenter
{
    public static List<Segment> Segment(IReadOnlyList<string> blocks, int maxTokens, TokenCounter tokens)
    {
        var segments = new List<Segment>();
        var atom = 0;
        for (var block = 0; block < blocks.Count; block++)
        {
            var wholeBlock = tokens.Count(blocks[block]) <= maxTokens;
            foreach (var sentence in SentenceSplitter.Split(blocks[block]))
            {
                var count = tokens.Count(sentence);
                if (count <= maxTokens)
                {
                    segments.Add(new Segment(sentence, count, block, wholeBlock ? atom : atom++));
                    continue;
                }

                foreach (var piece in SplitWords(sentence, maxTokens, tokens))
                {
                    segments.Add(new Segment(piece, tokens.Count(piece), block, atom++));
                }
            }

            if (wholeBlock)
            {
                atom++;
            }
        }

        return segments;
    }

    // A sentence longer than a chunk is cut at the last space that keeps each piece within the limit.
    private static IEnumerable<string> SplitWords(string sentence, int maxTokens, TokenCounter tokens)
    {
        var rest = sentence;
        while (rest.Length > 0)
        {
            var cut = tokens.PrefixLength(rest, maxTokens);
            if (cut >= rest.Length)
            {
                yield return rest;
                yield break;
            }

            var space = cut;
            while (space > 0 && !char.IsWhiteSpace(rest[space]))
            {
                space--;
            }

            // No space at all: a giant "word" (a URL, a hash) is cut where the tokens run out.
            cut = space > 0 ? space : Math.Max(cut, 1);
            yield return rest[..cut].TrimEnd();
            rest = rest[cut..].TrimStart();
        }
    }
}
