using ChatSphere.Agents.Answering;

namespace ChatSphere.UnitTests.Answering;

public sealed class ExtractiveAnswererTests
{
    private const string Tower =
        "Paris has many landmarks. The Eiffel Tower was completed in 1889 for the World's Fair. "
        + "It is made of wrought iron.";

    private const string Museum =
        "The Louvre is the world's most visited museum. It holds the Mona Lisa.";

    private const string Bridges =
        "Many bridges cross the Seine. The oldest standing bridge is the Pont Neuf.";

    private readonly ExtractiveAnswerer _answerer = new();

    [Fact]
    public void Answer_quotes_the_sentence_that_answers_among_distractors()
    {
        var answer = _answerer.Answer("When was the Eiffel Tower completed?", Sources(Museum, Tower, Bridges), maxSentences: 1);

        Assert.Equal("\u201CThe Eiffel Tower was completed in 1889 for the World's Fair.\u201D [2]", answer.Text);
        Assert.Equal([2], answer.CitedMarkers);
    }

    [Fact]
    public void Answer_cites_the_marker_of_the_source_each_sentence_came_from()
    {
        var answer = _answerer.Answer(
            "Which museum holds the Mona Lisa, and what is the oldest standing bridge?", Sources(Tower, Museum, Bridges));

        Assert.Contains("\u201CIt holds the Mona Lisa.\u201D [2]", answer.Text);
        Assert.Contains("\u201CThe oldest standing bridge is the Pont Neuf.\u201D [3]", answer.Text);
        Assert.Equal(2, answer.CitedMarkers.Count);
        Assert.Contains(2, answer.CitedMarkers);
        Assert.Contains(3, answer.CitedMarkers);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Answer_quotes_no_more_than_maxSentences(int maxSentences)
    {
        var answer = _answerer.Answer(
            "Tower museum bridge Louvre Seine iron Paris?", Sources(Tower, Museum, Bridges), maxSentences);

        Assert.Equal(maxSentences, answer.Text.Count(c => c == '\u201C'));
    }

    [Fact]
    public void A_further_sentence_that_adds_no_new_question_word_is_left_out()
    {
        var answer = _answerer.Answer("Where is the Louvre?", Sources("The Louvre is in Paris.", "The Louvre is big."), maxSentences: 3);

        Assert.Equal("\u201CThe Louvre is in Paris.\u201D [1]", answer.Text);
    }

    [Fact]
    public void Answer_is_empty_when_no_sentence_shares_a_word_with_the_question()
    {
        var answer = _answerer.Answer("How fast is a cheetah?", Sources(Tower, Museum));

        Assert.Equal(ExtractiveAnswer.None, answer);
        Assert.True(answer.IsEmpty);
        Assert.Empty(answer.CitedMarkers);
    }

    [Fact]
    public void Answer_is_empty_without_sources() =>
        Assert.True(_answerer.Answer("When was the Eiffel Tower completed?", []).IsEmpty);

    [Fact]
    public void Abbreviations_and_decimals_do_not_cut_a_quoted_sentence()
    {
        const string text = "Dr. Smith measured the U.S. record at 3.5 metres in Jan. 1990. Nobody has jumped higher since.";

        var answer = _answerer.Answer("What record did Smith measure?", Sources(text), maxSentences: 1);

        Assert.Equal("\u201CDr. Smith measured the U.S. record at 3.5 metres in Jan. 1990.\u201D [1]", answer.Text);
    }

    [Fact]
    public void A_heading_line_without_a_full_stop_is_not_glued_to_the_next_sentence()
    {
        var answer = _answerer.Answer("When was the tower completed?", Sources("History of the tower\n\nThe tower was completed in 1889."), 1);

        Assert.Equal("\u201CThe tower was completed in 1889.\u201D [1]", answer.Text);
    }

    [Fact]
    public void A_sentence_repeated_by_overlapping_chunks_is_quoted_once_from_the_better_ranked_source()
    {
        var answer = _answerer.Answer("When was the Eiffel Tower completed?", Sources(Tower, Tower), maxSentences: 3);

        Assert.Equal([1], answer.CitedMarkers);
        Assert.Equal(2, answer.Text.Split("1889").Length);
    }

    [Fact]
    public void The_same_question_and_sources_give_the_same_answer()
    {
        var sources = Sources(Museum, Tower, Bridges, Tower + " " + Museum);
        const string question = "What is made of iron and what does the museum hold?";

        var first = _answerer.Answer(question, sources, 3);
        var second = new ExtractiveAnswerer().Answer(question, sources, 3);

        Assert.Equal(first.Text, second.Text);
        Assert.Equal(first.CitedMarkers, second.CitedMarkers);
    }

    private static List<AnswerSource> Sources(params string[] texts) =>
        [.. texts.Select((text, i) => new AnswerSource(i + 1, Guid.NewGuid(), $"doc{i + 1}.txt", text))];
}
