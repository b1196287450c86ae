using ChatSphere.Core.Languages;

namespace ChatSphere.UnitTests.Languages;

public sealed class TextTokensTests
{
    private static List<string> Texts(string text) => TextTokens.Tokenize(text).Select(t => t.Text).ToList();

    [Fact]
    public void Latin_words_are_lower_cased_with_accents_and_compatibility_forms_folded() =>
        Assert.Equal(["what", "s", "the", "cafe", "1889", "cafe"], Texts("What's the CAFÉ? (1889) ｃａｆé"));

    [Fact]
    public void Devanagari_words_keep_their_vowel_signs_and_virama() =>
        Assert.Equal(["क्रिकेट", "खिलाड़ी", "है"], Texts("क्रिकेट खिलाड़ी है।"));

    [Fact]
    public void Arabic_drops_harakat_and_tatweel_and_folds_alef_forms() =>
        Assert.Equal(["اسلام", "مرحبا"], Texts("إسْلَام، مرحـــبا؟"));

    [Fact]
    public void Cyrillic_and_greek_are_words() =>
        Assert.Equal(["москва", "αθηνα"], Texts("Москва, Αθήνα."));

    [Fact]
    public void Chinese_runs_become_overlapping_bigrams_beside_latin_words_and_numbers()
    {
        var tokens = TextTokens.Tokenize("中国的首都是北京。Beijing 2008年");
        Assert.Equal(["中国", "国的", "的首", "首都", "都是", "是北", "北京", "beijing", "2008", "年"], tokens.Select(t => t.Text));
        Assert.Equal([true, true, true, true, true, true, true, false, false, true], tokens.Select(t => t.Unspaced));
    }

    [Fact]
    public void Japanese_kana_and_kanji_form_one_run() =>
        Assert.Equal(["東京", "京は", "は日", "日本", "本の", "の首", "首都", "都で", "です"], Texts("東京は日本の首都です"));

    [Fact]
    public void Thai_marks_stay_with_their_consonant_inside_bigrams()
    {
        var tokens = Texts("กรุงเทพ");
        Assert.Equal(["กรุ", "รุง", "งเ", "เท", "ทพ"], tokens);
    }

    [Fact]
    public void Segment_spaces_out_unspaced_scripts_and_leaves_other_text_alone()
    {
        Assert.Equal("北京 京大 大学 university", TextTokens.Segment("北京大学 University"));
        Assert.Null(TextTokens.Segment("Plain English text, and Русский."));
    }

    [Fact]
    public void Very_long_words_are_cut() =>
        Assert.Equal(TextTokens.MaxWordLength, Texts(new string('a', 500)).Single().Length);
}
