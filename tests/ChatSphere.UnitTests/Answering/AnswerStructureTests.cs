using ChatSphere.Agents.Answering;

namespace ChatSphere.UnitTests.Answering;

/// <summary>What the offline answerer never quotes (headings, titles, table headers) and how it reads table rows.</summary>
public sealed class AnswerStructureTests
{
    private readonly ExtractiveAnswerer _answerer = new();

    [Fact]
    public void A_title_line_is_not_the_answer_when_a_sentence_holds_it()
    {
        const string store = "Acme Trail Gear flagship store\nThe store is open from 9 am to 6 pm, Monday to Saturday.\n\nParking is free for customers.";

        var answer = _answerer.Answer("What are the store hours?", [Source(store)], maxSentences: 1);

        Assert.Equal("\u201CThe store is open from 9 am to 6 pm, Monday to Saturday.\u201D [1]", answer.Text);
    }

    [Fact]
    public void Markdown_headings_and_the_documents_own_headings_are_never_quoted()
    {
        const string text = "## Store hours\n\nStore hours and holidays\n\nWe open at 9 am on weekdays and store our hours online.";

        var answer = _answerer.Answer("What are the store hours?", [Source(text, "Acme handbook > Store hours and holidays")], maxSentences: 3);

        Assert.Equal("\u201CWe open at 9 am on weekdays and store our hours online.\u201D [1]", answer.Text);
    }

    [Fact]
    public void A_passage_of_nothing_but_headings_gives_no_answer() =>
        Assert.True(_answerer.Answer("What are the store hours?", [Source("# Store hours\n\nOpening hours of the store\n\nMore")]).IsEmpty);

    [Fact]
    public void A_short_last_line_without_a_full_stop_is_a_fact_not_a_heading()
    {
        var answer = _answerer.Answer("Do you ship worldwide?", [Source("Shipping\nWe ship worldwide")], maxSentences: 1);

        Assert.Equal("\u201CWe ship worldwide\u201D [1]", answer.Text);
    }

    [Fact]
    public void A_raw_csv_row_is_read_with_its_column_names_and_the_header_row_is_never_quoted()
    {
        const string csv = "Name,Age,City\nAlice,30,Paris\nBob,25,Lyon";

        var answer = _answerer.Answer("How old is Alice?", [Source(csv)], maxSentences: 3);

        Assert.Equal("\u201CName: Alice, Age: 30, City: Paris\u201D [1]", answer.Text);
    }

    [Fact]
    public void Table_rows_as_the_extractors_write_them_are_read_with_their_header()
    {
        const string table = "Product | Price | Stock\n\nTrail tent | 249 EUR | 12\n\nRain jacket | 89 EUR | 40";

        var answer = _answerer.Answer("What is the price of the rain jacket?", [Source(table)], maxSentences: 1);

        Assert.Equal("\u201CProduct: Rain jacket, Price: 89 EUR, Stock: 40\u201D [1]", answer.Text);
    }

    [Fact]
    public void Rows_of_a_table_cut_off_from_its_header_are_read_as_plain_cells()
    {
        var answer = _answerer.Answer("What does the rain jacket cost?", [Source("Trail tent | 249 EUR\n\nRain jacket | 89 EUR")], maxSentences: 1);

        Assert.Equal("\u201CRain jacket, 89 EUR\u201D [1]", answer.Text);
    }

    [Fact]
    public void Prose_with_commas_is_not_taken_for_a_table()
    {
        const string text = "In 1990, the shop opened in Paris.\nIn 2004, it moved to Lyon.";

        var answer = _answerer.Answer("When did the shop move to Lyon?", [Source(text)], maxSentences: 1);

        Assert.Equal("\u201CIn 2004, it moved to Lyon.\u201D [1]", answer.Text);
    }

    [Fact]
    public void Lines_wrapped_inside_a_sentence_are_joined()
    {
        var answer = _answerer.Answer("When does the ferry leave?", [Source("The ferry to the island leaves every\nmorning at seven from pier 4.")], 1);

        Assert.Equal("\u201CThe ferry to the island leaves every morning at seven from pier 4.\u201D [1]", answer.Text);
    }

    [Fact]
    public void The_sentence_with_the_rarer_question_words_wins_over_one_with_common_ones()
    {
        const string text = "The museum has a large shop and a large cafe. The museum shop sells the museum guide. "
            + "The sundial in the garden was made in 1720.";

        var answer = _answerer.Answer("When was the museum sundial made?", [Source(text)], maxSentences: 1);

        Assert.Equal("\u201CThe sundial in the garden was made in 1720.\u201D [1]", answer.Text);
    }

    private static AnswerSource Source(string text, string headingPath = "") => new(1, Guid.NewGuid(), "doc.txt", text, headingPath);
}
