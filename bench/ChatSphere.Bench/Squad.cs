using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatSphere.Core.Ingestion.Extraction;
using ChatSphere.Core.Languages;

namespace ChatSphere.Bench;

/// <summary>
/// The SQuAD v1.1 dev articles as ChatSphere would ingest them (one document per article, a block per
/// paragraph under the article's title) and the matching rule of shared/eval/README.md.
/// </summary>
internal sealed class Squad(IReadOnlyList<ExtractedDocument> documents, IReadOnlyList<SquadQuestion> questions)
{
    public const string DefaultPath = "/work/shared/eval/squad-dev.json";

    public IReadOnlyList<ExtractedDocument> Documents => documents;

    public IReadOnlyList<SquadQuestion> Questions => questions;

    public static Squad Load(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var unspaced = IsUnspaced(json);
        var documents = new List<ExtractedDocument>();
        var questions = new List<SquadQuestion>();
        foreach (var article in json.RootElement.GetProperty("data").EnumerateArray())
        {
            // Wikipedia titles come with underscores ("Super_Bowl_50"); a real file's title would not.
            var title = article.GetProperty("title").GetString()!.Replace('_', ' ');
            var blocks = new List<TextBlock>();
            foreach (var paragraph in article.GetProperty("paragraphs").EnumerateArray())
            {
                blocks.Add(new TextBlock(paragraph.GetProperty("context").GetString()!, [title]));
                foreach (var qa in paragraph.GetProperty("qas").EnumerateArray())
                {
                    var answers = qa.GetProperty("answers").EnumerateArray()
                        .Select(a => Normalise(a.GetProperty("text").GetString()!))
                        .Where(a => a.Length > 0)
                        .Distinct()
                        .ToArray();
                    questions.Add(new SquadQuestion(qa.GetProperty("question").GetString()!, answers, unspaced));
                }
            }

            documents.Add(new ExtractedDocument(blocks, title));
        }

        return new Squad(documents, questions);
    }

    /// <summary>NFKC, lower case, punctuation to spaces, whitespace collapsed (and trimmed).</summary>
    public static string Normalise(string text)
    {
        var lower = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var normalised = new StringBuilder(lower.Length);
        foreach (var c in lower)
        {
            if (char.IsWhiteSpace(c) || IsPunctuation(c))
            {
                if (normalised.Length > 0 && normalised[^1] != ' ')
                {
                    normalised.Append(' ');
                }
            }
            else
            {
                normalised.Append(c);
            }
        }

        return normalised.ToString().TrimEnd();
    }

    /// <summary>Whether a passage, given as " " + Normalise(text) + " ", holds one of the question's answers.</summary>
    public static bool Contains(string paddedPassage, SquadQuestion question) =>
        question.Unspaced ? question.Answers.Any(a => paddedPassage.Contains(a, StringComparison.Ordinal)) : Contains(paddedPassage, question.Answers);

    /// <summary>Whether a passage, given as " " + Normalise(text) + " ", holds one of the answers as whole words.</summary>
    public static bool Contains(string paddedPassage, string[] answers)
    {
        foreach (var answer in answers)
        {
            if (paddedPassage.Contains($" {answer} ", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // A file is in a script written without spaces when most tokens of its first paragraphs are bigrams of one.
    private static bool IsUnspaced(JsonDocument json)
    {
        var contexts = json.RootElement.GetProperty("data").EnumerateArray()
            .SelectMany(a => a.GetProperty("paragraphs").EnumerateArray()).Take(50)
            .SelectMany(p => TextTokens.Tokenize(p.GetProperty("context").GetString()!)).ToList();
        return contexts.Count(t => t.Unspaced) * 2 > contexts.Count;
    }

    // Unicode punctuation, plus the ASCII symbols that Python's string.punctuation (the SQuAD/DPR scripts) counts.
    private static bool IsPunctuation(char c) =>
        char.IsPunctuation(c) || (c < 128 && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.MathSymbol
            or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol);
}
