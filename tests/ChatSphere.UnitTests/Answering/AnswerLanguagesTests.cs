using ChatSphere.Agents.Answering;

namespace ChatSphere.UnitTests.Answering;

/// <summary>The offline answerer in every script: the sentence holding the question's words, cut at that script's stops.</summary>
public sealed class AnswerLanguagesTests
{
    private readonly ExtractiveAnswerer _answerer = new();

    [Theory]
    [InlineData("en", "When did the tower open?",
        "Paris has many sights. The tower opened to visitors in 1889. It is made of iron.", "The tower opened to visitors in 1889.")]
    [InlineData("de", "Wann wurde der Turm eröffnet?",
        "Paris hat viele Sehenswürdigkeiten. Der Turm wurde 1889 für Besucher eröffnet. Er ist aus Eisen.", "Der Turm wurde 1889 für Besucher eröffnet.")]
    [InlineData("zh", "埃菲尔铁塔是哪一年建成的？",
        "巴黎有很多名胜。埃菲尔铁塔于1889年建成。它是用铁建造的。", "埃菲尔铁塔于1889年建成。")]
    [InlineData("ja", "東京タワーはいつ完成しましたか？",
        "東京には多くの名所があります。東京タワーは1958年に完成しました。高さは333メートルです。", "東京タワーは1958年に完成しました。")]
    [InlineData("ar", "متى افتتح البرج؟",
        "في باريس معالم كثيرة. افتتح البرج للزوار عام 1889. وهو مصنوع من الحديد.", "افتتح البرج للزوار عام 1889.")]
    [InlineData("hi", "मीनार कब खुली?",
        "पेरिस में कई दर्शनीय स्थल हैं। मीनार 1889 में दर्शकों के लिए खुली। यह लोहे से बनी है।", "मीनार 1889 में दर्शकों के लिए खुली।")]
    [InlineData("th", "หอคอยเปิดเมื่อไหร่",
        "ปารีสมีสถานที่ท่องเที่ยวมากมาย หอคอยเปิดให้เข้าชมเมื่อร้อยปีก่อน หอคอยทำจากเหล็ก", "หอคอยเปิดให้เข้าชมเมื่อร้อยปีก่อน")]
    public void The_sentence_that_answers_is_quoted_in_every_script(string language, string question, string passage, string expected)
    {
        var distractor = new AnswerSource(1, Guid.NewGuid(), "other.txt", language is "zh" or "ja" ? "天气很好。" : "Lorem ipsum dolor.");
        var sources = new[] { distractor, new AnswerSource(2, Guid.NewGuid(), "doc.txt", passage) };

        var known = _answerer.Answer(question, sources, maxSentences: 1, language);
        var unknown = _answerer.Answer(question, sources, maxSentences: 1);

        Assert.Equal($"\u201C{expected}\u201D [2]", known.Text);
        Assert.Equal(known.Text, unknown.Text);
    }

    [Fact]
    public void A_Japanese_question_finds_the_exact_sentence_among_others_of_the_same_document()
    {
        const string faq = "返品は購入後30日以内に受け付けます。送料は全国一律500円です。店舗の営業時間は午前10時から午後8時までです。";

        var answer = _answerer.Answer("店舗の営業時間は何時から何時までですか？", [new AnswerSource(1, Guid.NewGuid(), "faq.txt", faq)], maxSentences: 1);

        Assert.Equal("\u201C店舗の営業時間は午前10時から午後8時までです。\u201D [1]", answer.Text);
    }
}
