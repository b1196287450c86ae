using System.Text;

namespace ChatSphere.Agents.Chat;

/// <summary>
/// Renumbers a reply's <c>[n]</c> markers, as it streams, so that they number its citations: the first source the
/// reply cites becomes [1], the next new one [2], and so on; a marker that names no source of this turn is dropped.
/// The citations are then exactly <see cref="Cited"/>, in order, so <c>[n]</c> is <c>citations[n-1]</c> in every channel.
/// Text is held back only while it could still become a marker (<c>[</c>, <c>[1</c>, <c>[12</c>, <c>[123</c>).
/// </summary>
public sealed class MarkerNumbering(Func<int, bool> isSource)
{
    private const int MaxDigits = 3;

    private readonly Dictionary<int, int> _numbers = [];
    private readonly List<int> _cited = [];
    private string _held = "";

    /// <summary>The source markers the reply cited, in the order of their new numbers.</summary>
    public IReadOnlyList<int> Cited => _cited;

    /// <summary>The whole of <paramref name="reply"/>, renumbered by a fresh numbering.</summary>
    public static (string Reply, IReadOnlyList<int> Cited) Renumber(string reply, Func<int, bool> isSource)
    {
        var numbering = new MarkerNumbering(isSource);
        var text = numbering.Push(reply) + numbering.Flush();
        return (text, numbering.Cited);
    }

    /// <summary>The next piece of the reply: returns what may be sent now (possibly empty).</summary>
    public string Push(string delta)
    {
        var text = _held + delta;
        _held = "";
        var output = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] != '[')
            {
                output.Append(text[i++]);
                continue;
            }

            var end = i + 1;
            while (end < text.Length && end - i - 1 < MaxDigits && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            if (end == text.Length && end - i - 1 <= MaxDigits)
            {
                // "[", "[1"... at the end of what has come: the next piece decides.
                _held = text[i..];
                break;
            }

            if (end - i - 1 is >= 1 and <= MaxDigits && text[end] == ']')
            {
                var marker = int.Parse(text.AsSpan(i + 1, end - i - 1), System.Globalization.CultureInfo.InvariantCulture);
                if (isSource(marker))
                {
                    output.Append('[').Append(NumberOf(marker)).Append(']');
                }

                i = end + 1;
                continue;
            }

            output.Append('[');
            i++;
        }

        return output.ToString();
    }

    /// <summary>What is still held back when the reply ends: it was no marker.</summary>
    public string Flush()
    {
        var rest = _held;
        _held = "";
        return rest;
    }

    private int NumberOf(int marker)
    {
        if (!_numbers.TryGetValue(marker, out var number))
        {
            _cited.Add(marker);
            number = _numbers[marker] = _cited.Count;
        }

        return number;
    }
}
