using System.ComponentModel.DataAnnotations;
using System.Net;
using ChatSphere.Web.Observability;

namespace ChatSphere.UnitTests.Web;

public sealed class MetricsOptionsTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("fd00::7", true)]
    [InlineData("11.0.0.1", false)]
    [InlineData("198.51.100.7", false)]
    public void Loopback_and_the_listed_networks_are_allowed_and_no_one_else(string client, bool allowed)
    {
        var options = new MetricsOptions { AllowedNetworks = ["10.0.0.0/8", "fd00::/8"] };

        Assert.Equal(allowed, options.Allows(IPAddress.Parse(client)));
    }

    [Fact]
    public void A_client_without_an_address_is_not_allowed() =>
        Assert.False(new MetricsOptions().Allows(null));

    [Theory]
    [InlineData("10.0.0.5")]
    [InlineData("10.0.0.0/33")]
    [InlineData("intranet")]
    public void A_value_that_is_not_a_cidr_network_fails_validation_naming_the_key(string value)
    {
        var options = new MetricsOptions { AllowedNetworks = ["10.0.0.0/8", value] };

        var error = Assert.Single(options.Validate(new ValidationContext(options)));

        Assert.StartsWith($"Metrics:AllowedNetworks: '{value}' is not a CIDR network", error.ErrorMessage);
    }
}
