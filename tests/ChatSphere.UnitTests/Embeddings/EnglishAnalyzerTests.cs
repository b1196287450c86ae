using ChatSphere.Agents.Embeddings;

namespace ChatSphere.UnitTests.Embeddings;

public sealed class EnglishAnalyzerTests
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
    public void Words_are_reduced_to_their_Porter_stems(string word, string stem) =>
        Assert.Equal([stem], EnglishAnalyzer.Terms(word));

    [Fact]
    public void Stop_words_and_punctuation_are_dropped_and_case_and_accents_folded() =>
        Assert.Equal(["eiffel", "tower", "cafe", "1889"], EnglishAnalyzer.Terms("What is the EIFFEL Tower's café? (1889)"));

    [Fact]
    public void Compatibility_characters_fold_to_plain_ones() =>
        Assert.Equal(EnglishAnalyzer.Terms("cafe"), EnglishAnalyzer.Terms("ｃａｆé"));
}
