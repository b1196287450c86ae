using ChatSphere.Core.Bots;

namespace ChatSphere.UnitTests;

public sealed class AllowedOriginTests
{
    [Theory]
    [InlineData("https://Example.com", "https://example.com")]
    [InlineData("https://example.com/", "https://example.com")]
    [InlineData("https://example.com:443", "https://example.com")]
    [InlineData("http://localhost:5173", "http://localhost:5173")]
    [InlineData(" https://shop.example.org ", "https://shop.example.org")]
    public void Origins_are_normalised_to_what_browsers_send(string input, string expected) =>
        Assert.Equal(expected, AllowedOrigin.Normalise(input));

    [Theory]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("example.com")]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://example.com")]
    [InlineData("https://example.com/path")]
    [InlineData("https://example.com/?q=1")]
    [InlineData("https://user:pw@example.com")]
    public void Anything_but_an_origin_is_refused(string input) => Assert.Null(AllowedOrigin.Normalise(input));
}
