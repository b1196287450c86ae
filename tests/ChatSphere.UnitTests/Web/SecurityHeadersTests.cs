using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ChatSphere.Web.Infrastructure;

namespace ChatSphere.UnitTests.Web;

public sealed class SecurityHeadersTests
{
    /// <summary>The framework's two style attributes, exactly as they are rendered (a space more and the hash differs).</summary>
    private static readonly string[] AllowedStyleAttributes = ["display:none", "display: inline-block"];

    [Fact]
    public void The_owner_policy_allows_exactly_the_hashes_of_the_framework_style_attributes()
    {
        var hashes = Regex.Matches(SecurityHeaders.OwnerPolicy, "'sha256-([^']+)'").Select(m => m.Groups[1].Value);
        var expected = AllowedStyleAttributes.Select(style => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style))));
        Assert.Equal(expected.Order(), hashes.Order());
    }

    [Theory]
    [InlineData("script-src 'self';")]
    [InlineData("frame-ancestors 'none'")]
    [InlineData("object-src 'none'")]
    [InlineData("base-uri 'self'")]
    [InlineData("form-action 'self'")]
    public void Every_policy_keeps_the_rules_that_matter(string directive)
    {
        foreach (var policy in new[] { SecurityHeaders.OwnerPolicy, SecurityHeaders.DashboardPolicy, SecurityHeaders.ApiReferencePolicy })
        {
            Assert.Contains(directive, policy + ";");
        }
    }

    [Fact]
    public void No_policy_allows_inline_or_evaluated_script()
    {
        foreach (var policy in new[] { SecurityHeaders.OwnerPolicy, SecurityHeaders.DashboardPolicy, SecurityHeaders.ApiReferencePolicy })
        {
            var script = policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src", StringComparison.Ordinal));
            Assert.Equal("script-src 'self'", script);
        }
    }
}
