using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatSphere.Web.Widget;

namespace ChatSphere.UnitTests.Web;

/// <summary>The widget's table of its own words, read out of the script as it is served.</summary>
public sealed partial class WidgetWordsTests
{
    private static readonly string Script = Encoding.UTF8.GetString(WidgetScript.Instance.Bytes);

    private static readonly Dictionary<string, Dictionary<string, string>> Words =
        JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(Table().Match(Script).Groups[1].Value)!;

    [Fact]
    public void The_widget_speaks_english_german_spanish_french_chinese_and_japanese() =>
        Assert.Superset(new HashSet<string> { "en", "de", "es", "fr", "zh", "ja" }, Words.Keys.ToHashSet());

    [Fact]
    public void Every_language_has_every_key_of_english_and_no_other()
    {
        var english = Words["en"].Keys.Order().ToList();
        foreach (var (language, words) in Words)
        {
            Assert.True(english.SequenceEqual(words.Keys.Order()),
                $"{language}: missing [{string.Join(", ", english.Except(words.Keys))}], extra [{string.Join(", ", words.Keys.Except(english))}]");
            Assert.All(words, word => Assert.False(string.IsNullOrWhiteSpace(word.Value), $"{language}.{word.Key} is empty"));
        }
    }

    [Fact]
    public void Every_translation_has_the_placeholders_of_its_english_sentence()
    {
        foreach (var (language, words) in Words)
        {
            foreach (var (key, english) in Words["en"])
            {
                Assert.True(Placeholders(english).SetEquals(Placeholders(words[key])), $"{language}.{key}: \"{words[key]}\" against \"{english}\"");
            }
        }
    }

    [Fact]
    public void The_script_asks_only_for_words_the_table_has_and_uses_every_one()
    {
        var used = Lookup().Matches(Script).Select(m => m.Groups[1].Value).ToHashSet();

        Assert.Equal(Words["en"].Keys.Order(), used.Order());
    }

    private static HashSet<string> Placeholders(string sentence) => Placeholder().Matches(sentence).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"/\* words: \*/(.*?)/\* :words \*/", RegexOptions.Singleline)]
    private static partial Regex Table();

    [GeneratedRegex(@"(?<![\w.])t\('(\w+)'")]
    private static partial Regex Lookup();

    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex Placeholder();
}
