using ChatSphere.Agents.Retrieval;
using ChatSphere.Core.Languages;

namespace ChatSphere.UnitTests.Languages;

public sealed class SearchConfigurationsTests
{
    [Fact]
    public void The_generated_columns_case_names_every_language_of_the_map_and_falls_back_to_simple()
    {
        var sql = SearchConfigurations.CaseSql("\"Language\"");
        foreach (var (code, config) in SearchConfigurations.ByLanguage)
        {
            Assert.Contains($"WHEN '{code}' THEN '{config}'::regconfig ", sql);
        }

        Assert.Equal(SearchConfigurations.ByLanguage.Count, sql.Split("WHEN ").Length - 1);
        Assert.EndsWith("ELSE 'simple'::regconfig END", sql);
    }

    [Theory]
    [InlineData("de", "german")]
    [InlineData("nn", "norwegian")]
    [InlineData("zh", "simple")]
    [InlineData("", "simple")]
    [InlineData(null, "simple")]
    public void A_language_gets_its_stemmer_or_the_neutral_configuration(string? code, string config) =>
        Assert.Equal(config, SearchConfigurations.For(code));

    [Fact]
    public void Every_language_with_a_stemmer_can_be_chosen_by_an_owner()
    {
        Assert.All(SearchConfigurations.ByLanguage.Keys, code => Assert.True(KnownLanguages.IsKnown(code)));
        Assert.True(KnownLanguages.IsKnown("ja"));
        Assert.False(KnownLanguages.IsKnown("xx"));
        Assert.Equal("German", KnownLanguages.NameOf("de"));
    }

    [Fact]
    public void A_bot_without_chunks_or_with_unknown_ones_is_searched_with_the_neutral_configuration()
    {
        Assert.Equal(["simple"], BotLanguages.ConfigurationsFor([]));
        Assert.Equal(["simple", "german"], BotLanguages.ConfigurationsFor(["", "de", "zh"]));
    }

    [Fact]
    public void Query_words_keep_indic_vowel_signs_and_cut_unspaced_scripts_into_bigrams()
    {
        Assert.Equal(["पैंथर्स", "डिफ़ेंस"], KnowledgeSearch.QueryWords("पैंथर्स डिफ़ेंस?"));
        Assert.Equal(["长城", "城有", "有多", "多长"], KnowledgeSearch.QueryWords("长城有多长？"));
        Assert.Equal(["cats", "dogs"], KnowledgeSearch.QueryWords("cats or dogs"));
    }
}
