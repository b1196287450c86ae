using ChatSphere.Web.Chat;

namespace ChatSphere.UnitTests.Web;

public sealed class SafeMarkdownTests
{
    [Fact]
    public void Markdown_formatting_renders() =>
        Assert.Contains("<strong>bold</strong>", SafeMarkdown.ToHtml("Some **bold** text"));

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    public void Raw_html_is_escaped_not_rendered(string payload)
    {
        var html = SafeMarkdown.ToHtml(payload);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<iframe", html);
        Assert.Contains("&lt;", html);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[click](vbscript:msgbox)")]
    [InlineData("<javascript:alert(1)>")]
    public void Links_other_than_http_https_and_mailto_become_text(string payload)
    {
        var html = SafeMarkdown.ToHtml(payload);
        Assert.DoesNotContain("href", html);
        Assert.DoesNotContain("javascript:alert", html.Replace("<p>javascript:alert(1)</p>", ""));
    }

    [Fact]
    public void Safe_links_open_in_a_new_tab_without_referrer()
    {
        var html = SafeMarkdown.ToHtml("[docs](https://example.com/a) and [mail](mailto:a@example.com)");
        Assert.Contains("href=\"https://example.com/a\"", html);
        Assert.Contains("rel=\"noopener noreferrer nofollow\"", html);
        Assert.Contains("href=\"mailto:a@example.com\"", html);
    }

    [Fact]
    public void Images_never_load_even_from_https()
    {
        var html = SafeMarkdown.ToHtml("![secret](https://evil.example/leak?q=conversation)");
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("evil.example", html);
        Assert.Contains("[image: secret]", html);
    }
}
