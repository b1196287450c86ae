using ChatSphere.Core.Conversations;

namespace ChatSphere.UnitTests.Chat;

public sealed class ConversationTitleTests
{
    [Fact]
    public void A_short_message_is_its_own_title() =>
        Assert.Equal("Where is the treasure?", ConversationTitle.Of("Where is the treasure?"));

    [Fact]
    public void A_long_message_is_cut_to_77_characters_and_an_ellipsis() =>
        Assert.Equal(new string('a', 77) + "...", ConversationTitle.Of(new string('a', 200)));

    [Fact]
    public void An_emoji_across_the_cut_is_left_out_whole_rather_than_split()
    {
        var title = ConversationTitle.Of(new string('a', 76) + "🏝️ island" + new string('b', 20));

        Assert.Equal(new string('a', 76) + "...", title);
        Assert.DoesNotContain(title, char.IsSurrogate);
    }

    [Fact]
    public void A_devanagari_letter_keeps_its_vowel_sign()
    {
        // "का" is क and the vowel sign ा: one letter on screen, two characters.
        var title = ConversationTitle.Of(new string('a', 76) + "का" + new string('b', 20));

        Assert.Equal(new string('a', 76) + "...", title);
    }
}
