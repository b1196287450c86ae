using ChatSphere.Core.Languages;

namespace ChatSphere.Agents.Embeddings;

/// <summary>
/// The terms the offline embedder and the offline answerer see, from <see cref="TextTokens"/>: for English, content
/// words Porter-stemmed with the stop words dropped; for any other language the words as written (character n-grams
/// give the embedder their morphology); for scripts written without spaces, character bigrams.
/// Public so that lexical scoring (and its benchmark) can use exactly the same terms.
/// </summary>
public static class TextAnalyzer
{
    /// <summary>The terms of <paramref name="text"/>, in order, repeats kept.</summary>
    /// <param name="language">An ISO 639-1 code, or null when unknown (<see cref="IsEnglish"/>).</param>
    public static IReadOnlyList<string> Terms(string text, string? language) => Words(text, language).Select(w => w.Stem).ToList();

    /// <summary>
    /// Whether text is analysed as English: when its language is "en", and when it is unknown, which keeps every caller
    /// that passes no language (and every vector stored before languages were known) as it was. The English rules
    /// touch only ASCII words, and on German text given as unknown they did not hurt (bench/RESULTS.md, issue 12).
    /// </summary>
    public static bool IsEnglish(string? language) => language is null or "en";

    internal static List<AnalyzedWord> Words(string text, string? language)
    {
        var english = IsEnglish(language);
        var stemmer = english ? new PorterStemmer() : null;
        var words = new List<AnalyzedWord>();
        foreach (var token in TextTokens.Tokenize(text))
        {
            if (token.Unspaced)
            {
                words.Add(new AnalyzedWord(token.Text, token.Text, Unspaced: true));
            }
            else if (stemmer is null)
            {
                words.Add(new AnalyzedWord(token.Text, token.Text, Unspaced: false));
            }
            else if (!StopWords.All.Contains(token.Text))
            {
                words.Add(new AnalyzedWord(token.Text, IsAsciiLetters(token.Text) ? stemmer.Stem(token.Text) : token.Text, Unspaced: false));
            }
        }

        return words;
    }

    private static bool IsAsciiLetters(string word)
    {
        foreach (var c in word)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }

        return true;
    }
}
