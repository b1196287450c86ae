using ChatSphere.Core.Bots;
using ChatSphere.Core.Domain;

namespace ChatSphere.UnitTests;

public sealed class BotSettingsTests
{
    [Fact]
    public void Valid_settings_have_no_errors() =>
        Assert.Empty(BotSettings.Validate(new BotSettings(Name: "Help", Temperature: 0.7f, SuggestedQuestions: ["What is it?"])));

    [Fact]
    public void Each_bad_field_is_named_in_the_errors()
    {
        var errors = BotSettings.Validate(new BotSettings(
            Name: " ", Temperature: 2.5f, FallbackMessage: "", SuggestedQuestions: ["", "ok"], AllowedOrigins: ["nope"]));
        Assert.Equal(["allowedOrigins", "fallbackMessage", "name", "suggestedQuestions", "temperature"], errors.Keys.Order());
    }

    [Fact]
    public void Applying_settings_changes_only_what_was_given_and_normalises_origins()
    {
        var bot = new Bot { OwnerId = "u", Name = "Old", Instructions = "Be brief." };
        new BotSettings(Name: " New ", AllowedOrigins: ["https://A.example/", "https://a.example"]).ApplyTo(bot);
        Assert.Equal("New", bot.Name);
        Assert.Equal("Be brief.", bot.Instructions);
        Assert.Equal(["https://a.example"], bot.AllowedOrigins);
    }
}
