using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>Markdown inline markup to plain text: links keep their text, images their alt text, code its content.</summary>
internal static partial class MarkdownInline
{
    // Patterns stop at the next marker or line break so they stay near-linear; the timeout is a backstop.
    private const int TimeoutMs = 1000;
    private const char EscapeBase = '\uE000';

    public static string Strip(string text)
    {
        try
        {
            var plain = new StringBuilder(text.Length);
            var last = 0;
            foreach (Match code in CodeSpan().Matches(text))
            {
                plain.Append(StripMarkup(text[last..code.Index])).Append(code.Groups[2].Value);
                last = code.Index + code.Length;
            }

            return plain.Append(StripMarkup(text[last..])).ToString();
        }
        catch (RegexMatchTimeoutException)
        {
            // Markup left in place costs a little retrieval quality, never the document.
            return text;
        }
    }

    private static string StripMarkup(string text)
    {
        // Escaped punctuation ("\*") is parked in the private use area so no rule below treats it as markup.
        text = Escape().Replace(text, m => ((char)(EscapeBase + m.Groups[1].Value[0])).ToString());
        text = Image().Replace(text, "$1");
        text = Link().Replace(text, "$1");
        text = ReferenceLink().Replace(text, "$1");
        text = AutoLink().Replace(text, "$1");
        text = Comment().Replace(text, "");
        text = Tag().Replace(text, "");
        // Nested emphasis (**a *b* c**) unwraps from the inside out.
        for (var pass = 0; pass < 3; pass++)
        {
            var before = text;
            text = StarEmphasis().Replace(text, "$2");
            text = UnderscoreEmphasis().Replace(text, "$2");
            text = Strikethrough().Replace(text, "$1");
            if (text == before)
            {
                break;
            }
        }

        return WebUtility.HtmlDecode(string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] is >= EscapeBase and < (char)(EscapeBase + 128) ? (char)(source[i] - EscapeBase) : source[i];
            }
        }));
    }

    [GeneratedRegex(@"(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)", RegexOptions.None, TimeoutMs)]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"!\[([^\]\n]*)\](?:\((?:[^()\n]|\([^()\n]*\))*\)|\[[^\]\n]*\])", RegexOptions.None, TimeoutMs)]
    private static partial Regex Image();

    [GeneratedRegex(@"\[([^\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)", RegexOptions.None, TimeoutMs)]
    private static partial Regex Link();

    [GeneratedRegex(@"\[([^\]\n]+)\]\[[^\]\n]*\]", RegexOptions.None, TimeoutMs)]
    private static partial Regex ReferenceLink();

    [GeneratedRegex(@"<((?:https?|mailto|ftp):[^<>\s]+)>", RegexOptions.IgnoreCase, TimeoutMs)]
    private static partial Regex AutoLink();

    [GeneratedRegex(@"<!--[\s\S]*?-->", RegexOptions.None, TimeoutMs)]
    private static partial Regex Comment();

    [GeneratedRegex(@"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", RegexOptions.None, TimeoutMs)]
    private static partial Regex Tag();

    [GeneratedRegex(@"(\*{1,3})([^\s*](?:[^*\n]*[^\s*])?)\1", RegexOptions.None, TimeoutMs)]
    private static partial Regex StarEmphasis();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_])(_{1,3})([^\s_](?:[^_\n]*[^\s_])?)\1(?![\p{L}\p{N}_])", RegexOptions.None, TimeoutMs)]
    private static partial Regex UnderscoreEmphasis();

    [GeneratedRegex(@"~~([^~\n]+)~~", RegexOptions.None, TimeoutMs)]
    private static partial Regex Strikethrough();

    [GeneratedRegex(@"\\([!-/:-@\[-`{-~])", RegexOptions.None, TimeoutMs)]
    private static partial Regex Escape();
}
