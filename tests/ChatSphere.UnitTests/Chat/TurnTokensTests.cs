using ChatSphere.Agents.Chat;
using ChatSphere.Core.Ingestion.Chunking;

namespace ChatSphere.UnitTests.Chat;

public sealed class TurnTokensTests
{
    private const string Question = "How far is the lamp visible?";
    private const string Reply = "Its lamp is visible for 22 nautical miles [1].";

    [Fact]
    public void The_models_reported_usage_is_what_the_turn_spent()
    {
        Assert.Equal(1234 + 56, TurnTokens.Of(Question, new ChatCompleted(Reply, [], 1234, 56, Offline: false)));
    }

    [Fact]
    public void Without_usage_the_question_and_the_reply_are_counted()
    {
        var counted = TokenCounter.Shared.Count(Question) + TokenCounter.Shared.Count(Reply);

        Assert.Equal(counted, TurnTokens.Of(Question, new ChatCompleted(Reply, [], null, null, Offline: true)));
        Assert.True(counted > 10);
    }

    [Fact]
    public void A_side_the_model_did_not_report_is_counted()
    {
        Assert.Equal(100 + TokenCounter.Shared.Count(Reply), TurnTokens.Of(Question, new ChatCompleted(Reply, [], 100, null, Offline: false)));
        Assert.Equal(TokenCounter.Shared.Count(Question) + 7, TurnTokens.Of(Question, new ChatCompleted(Reply, [], null, 7, Offline: false)));
    }

    [Fact]
    public void An_unfinished_turn_spent_the_question_and_what_was_streamed()
    {
        const string Streamed = "Its lamp is";

        Assert.Equal(TokenCounter.Shared.Count(Question) + TokenCounter.Shared.Count(Streamed), TurnTokens.Streamed(Question, Streamed));
        Assert.True(TurnTokens.Streamed(Question, Streamed) < TurnTokens.Streamed(Question, Reply));
    }
}
