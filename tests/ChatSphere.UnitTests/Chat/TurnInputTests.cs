using ChatSphere.Agents.Chat;

namespace ChatSphere.UnitTests.Chat;

public sealed class TurnInputTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_or_blank_message_is_refused_with_the_message_field(string? message)
    {
        var rejection = TurnInput.Check(message, null, regenerate: false);

        Assert.Equal(new TurnRejection(TurnRejectionReason.InvalidInput, "message", "Send a message of 1 to 4000 characters."), rejection);
    }

    [Fact]
    public void A_message_may_be_as_long_as_the_channels_limit_and_no_longer()
    {
        Assert.Null(TurnInput.Check(new string('a', 4000), null, regenerate: false));
        Assert.NotNull(TurnInput.Check(new string('a', 4001), null, regenerate: false));
        Assert.Null(TurnInput.Check(new string('a', 200), null, regenerate: false, maxLength: 200));
        Assert.Equal("Send a message of 1 to 200 characters.", TurnInput.Check(new string('a', 201), null, false, maxLength: 200)?.Message);
    }

    [Fact]
    public void Regenerate_needs_a_conversation_and_no_message()
    {
        Assert.Equal(
            new TurnRejection(TurnRejectionReason.InvalidInput, "conversationId", "Say which conversation's last answer to regenerate."),
            TurnInput.Check("Again please", null, regenerate: true));
        Assert.Null(TurnInput.Check(null, Guid.NewGuid(), regenerate: true));
    }

    [Fact]
    public void A_question_in_an_existing_conversation_is_checked_like_any_other()
    {
        Assert.Null(TurnInput.Check("Where is the ferry?", Guid.NewGuid(), regenerate: false));
        Assert.NotNull(TurnInput.Check(" ", Guid.NewGuid(), regenerate: false));
    }
}
