using ChatSphere.Core.Ingestion.Chunking;

namespace ChatSphere.UnitTests.Ingestion.Chunking;

public sealed class SentenceSplitterTests
{
    [Fact]
    public void Sentences_end_at_full_stops_question_and_exclamation_marks() =>
        Assert.Equal(
            ["It rained.", "Did it stop?", "Yes!", "The sun came out."],
            SentenceSplitter.Split("It rained. Did it stop? Yes! The sun came out."));

    [Theory]
    [InlineData("Dr. Watson met Mr. Holmes at St. Bart's hospital.")]
    [InlineData("Some fruit, e.g. Apples and pears, keep well.")]
    [InlineData("The U.S. Army and the U.K. Navy trained together.")]
    [InlineData("Leeds vs. Manchester was a draw.")]
    [InlineData("Pi is about 3.14159 and e is about 2.71828 in value.")]
    [InlineData("The book by J. R. R. Tolkien sold well.")]
    public void Abbreviations_initials_and_decimals_do_not_end_a_sentence(string text) =>
        Assert.Single(SentenceSplitter.Split(text));

    [Fact]
    public void A_closing_quote_stays_with_its_sentence() =>
        Assert.Equal(["He said \"Stop.\"", "Then he left."], SentenceSplitter.Split("He said \"Stop.\" Then he left."));

    [Fact]
    public void A_sentence_may_start_with_a_digit_or_a_quote() =>
        Assert.Equal(["It ended.", "1969 was the year.", "\"Why?\" she asked."],
            SentenceSplitter.Split("It ended. 1969 was the year. \"Why?\" she asked."));

    [Fact]
    public void A_lower_case_word_after_a_full_stop_continues_the_sentence() =>
        Assert.Single(SentenceSplitter.Split("Version 2. was never released."));

    [Fact]
    public void Chinese_and_Japanese_sentences_end_at_their_full_stops_without_a_space() =>
        Assert.Equal(["北京是中国的首都。", "它有多少人？", "很多！", "東京は日本の首都です。", "「はい。」", "終わり"],
            SentenceSplitter.Split("北京是中国的首都。它有多少人？很多！東京は日本の首都です。「はい。」終わり"));

    [Fact]
    public void Hindi_sentences_end_at_the_danda_and_double_danda() =>
        Assert.Equal(["दिल्ली भारत की राजधानी है।", "यह बड़ा शहर है॥", "क्या यह सच है?"],
            SentenceSplitter.Split("दिल्ली भारत की राजधानी है। यह बड़ा शहर है॥ क्या यह सच है?"));

    [Fact]
    public void Arabic_and_Urdu_sentences_end_at_their_question_mark_full_stop_and_a_dot_before_a_caseless_letter() =>
        Assert.Equal(["القاهرة عاصمة مصر.", "هل هي كبيرة؟", "نعم كبيرة جدا.", "لاہور بڑا شہر ہے۔", "یہ پرانا ہے"],
            SentenceSplitter.Split("القاهرة عاصمة مصر. هل هي كبيرة؟ نعم كبيرة جدا. لاہور بڑا شہر ہے۔ یہ پرانا ہے"));

    [Fact]
    public void A_space_between_two_Thai_letters_ends_a_sentence_but_one_beside_a_number_does_not() =>
        Assert.Equal(["กรุงเทพเป็นเมืองหลวงของไทย", "มีประชากร 8 ล้านคน"],
            SentenceSplitter.Split("กรุงเทพเป็นเมืองหลวงของไทย มีประชากร 8 ล้านคน"));

    [Fact]
    public void A_German_sentence_splits_as_English_does() =>
        Assert.Equal(["Der Turm wurde 1889 gebaut.", "Er ist aus Eisen."], SentenceSplitter.Split("Der Turm wurde 1889 gebaut. Er ist aus Eisen."));
}
