using System.ComponentModel;
using ChatSphere.Core.Bots;
using ChatSphere.Core.Domain;

namespace ChatSphere.UnitTests;

public sealed class BotSettingsTests
{
    [Fact]
    public void Valid_settings_have_no_errors() =>
        Assert.Empty(new BotSettings { Name = "Help", Temperature = 0.7f, SuggestedQuestions = ["What is it?"] }.Validate());

    [Fact]
    public void Each_bad_field_is_named_in_the_errors()
    {
        var errors = new BotSettings
        {
            Name = " ", Temperature = 2.5f, FallbackMessage = "", SuggestedQuestions = ["", "ok"], AllowedOrigins = ["nope"],
        }.Validate();
        Assert.Equal(["AllowedOrigins", "FallbackMessage", "Name", "SuggestedQuestions", "Temperature"], errors.SelectMany(e => e.MemberNames).Order());
    }

    [Fact]
    public void Applying_settings_changes_only_what_was_given_and_normalises_origins()
    {
        var bot = new Bot { OwnerId = "u", Name = "Old", Instructions = "Be brief." };
        new BotSettings { Name = " New ", AllowedOrigins = ["https://A.example/", "https://a.example"] }.ApplyTo(bot);
        Assert.Equal("New", bot.Name);
        Assert.Equal("Be brief.", bot.Instructions);
        Assert.Equal(["https://a.example"], bot.AllowedOrigins);
    }

    [Fact]
    public void A_change_to_a_bot_may_leave_out_the_name_but_settings_on_their_own_need_one()
    {
        var bot = new Bot { OwnerId = "u", Name = "Old" };
        Assert.Empty(new BotSettings { Temperature = 1 }.Validate(bot));
        var error = Assert.Single(new BotSettings { Temperature = 1 }.Validate());
        Assert.Equal(("Give the bot a name.", "Name"), (error.ErrorMessage, error.MemberNames.Single()));
    }

    [Fact]
    public void An_overlap_given_alone_is_held_to_the_chunk_size_the_bot_will_have()
    {
        var small = new Bot { OwnerId = "u", Name = "Small", ChunkMaxTokens = 100 };
        var large = new Bot { OwnerId = "u", Name = "Large", ChunkMaxTokens = 400 };
        var overlap = new BotSettings { ChunkOverlapTokens = 60 };

        Assert.Equal("ChunkOverlapTokens", Assert.Single(overlap.Validate(small)).MemberNames.Single());
        Assert.Empty(overlap.Validate(large));
        Assert.Empty(new BotSettings { ChunkOverlapTokens = 60, ChunkMaxTokens = 200 }.Validate(small));
        Assert.Single(new BotSettings { Name = "New", ChunkOverlapTokens = 80 }.Validate());
    }

    [Fact]
    public void Limits_in_messages_come_from_bot_limits()
    {
        var errors = new BotSettings { Name = "n", RetrievalTop = BotLimits.MaxRetrievalTop + 1, WidgetTitle = new string('t', BotLimits.NameMaxLength + 1) }.Validate();
        Assert.Contains(errors, e => e.ErrorMessage == $"Retrieve 1 to {BotLimits.MaxRetrievalTop} chunks per question.");
        Assert.Contains(errors, e => e.ErrorMessage == $"The widget title has a maximum length of {BotLimits.NameMaxLength} characters.");
        Assert.Empty(new BotSettings { Name = "n", RetrievalTop = BotLimits.MaxRetrievalTop }.Validate());
    }

    [Fact]
    public void A_form_field_of_lines_binds_as_trimmed_entries_without_blanks_and_prints_one_per_line()
    {
        var converter = TypeDescriptor.GetConverter(typeof(TextLines));

        var lines = (TextLines)converter.ConvertFrom(" Where do we sail? \r\n\r\nWho is the cook?\n")!;

        Assert.Equal(["Where do we sail?", "Who is the cook?"], lines);
        Assert.Equal("Where do we sail?\nWho is the cook?", lines.ToString());
    }
}
