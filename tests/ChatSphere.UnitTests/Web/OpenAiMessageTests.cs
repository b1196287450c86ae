using System.Text.Json;
using ChatSphere.Web.OpenAi;

namespace ChatSphere.UnitTests.Web;

public sealed class OpenAiMessageTests
{
    [Theory]
    [InlineData("""[1, 2]""")]
    [InlineData("""["hello"]""")]
    [InlineData("""[{"type": 5}]""")]
    [InlineData("""[{"text": "no type"}]""")]
    [InlineData("""[{"type": "text", "text": 5}]""")]
    [InlineData("""[{"type": "text", "text": {"nested": true}}]""")]
    [InlineData("""[{"type": "image_url", "image_url": {"url": "https://x.test/a.png"}}]""")]
    [InlineData("""{"type": "text"}""")]
    [InlineData("""42""")]
    public void Content_that_is_not_text_parts_has_no_text_and_throws_nothing(string content) =>
        Assert.Null(Message(content).Text);

    [Fact]
    public void Text_parts_are_joined() =>
        Assert.Equal("Hello world", Message("""[{"type": "text", "text": "Hello "}, {"type": "text", "text": "world"}]""").Text);

    [Fact]
    public void A_string_is_the_text() => Assert.Equal("Hi", Message("\"Hi\"").Text);

    private static OpenAiMessage Message(string content) => new("user", JsonDocument.Parse(content).RootElement.Clone());
}
