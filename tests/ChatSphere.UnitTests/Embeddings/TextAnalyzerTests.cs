using ChatSphere.Agents.Embeddings;

namespace ChatSphere.UnitTests.Embeddings;

public sealed class TextAnalyzerTests
{
    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("running", "run")]
    [InlineData("hopping", "hop")]
    [InlineData("relational", "relat")]
    [InlineData("generalization", "gener")]
    [InlineData("adoption", "adopt")]
    [InlineData("connected", "connect")]
    [InlineData("connections", "connect")]
    [InlineData("happy", "happi")]
    public void English_words_are_reduced_to_their_Porter_stems(string word, string stem) =>
        Assert.Equal([stem], TextAnalyzer.Terms(word, "en"));

    [Fact]
    public void Stop_words_and_punctuation_are_dropped_and_case_and_accents_folded() =>
        Assert.Equal(["eiffel", "tower", "cafe", "1889"], TextAnalyzer.Terms("What is the EIFFEL Tower's café? (1889)", "en"));

    [Fact]
    public void Compatibility_characters_fold_to_plain_ones() =>
        Assert.Equal(TextAnalyzer.Terms("cafe", "en"), TextAnalyzer.Terms("ｃａｆé", "en"));

    [Fact]
    public void Text_of_unknown_language_is_analysed_as_English_was_before_languages_were_known() =>
        Assert.Equal(TextAnalyzer.Terms("The connections of the towers", "en"), TextAnalyzer.Terms("The connections of the towers", null));

    [Theory]
    [InlineData("de", "Die Verbindungen der Türme", new[] { "die", "verbindungen", "der", "turme" })]
    [InlineData("fr", "Les connections des tours", new[] { "les", "connections", "des", "tours" })]
    [InlineData("ru", "Связи башен", new[] { "связи", "башен" })]
    [InlineData("hi", "मीनारों के संबंध", new[] { "मीनारों", "के", "संबंध" })]
    public void Other_languages_keep_every_word_as_written_without_English_stemming(string language, string text, string[] terms) =>
        Assert.Equal(terms, TextAnalyzer.Terms(text, language));

    [Theory]
    [InlineData("zh")]
    [InlineData(null)]
    public void Chinese_becomes_character_bigrams_in_any_language_setting(string? language) =>
        Assert.Equal(["北京", "京是", "是首", "首都"], TextAnalyzer.Terms("北京是首都。", language));
}
