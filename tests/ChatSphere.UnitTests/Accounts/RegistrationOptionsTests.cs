using ChatSphere.Core;
using ChatSphere.Core.Accounts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatSphere.UnitTests.Accounts;

public sealed class RegistrationOptionsTests
{
    [Theory]
    [InlineData("Approval", SignUpMode.Approval)]
    [InlineData("open", SignUpMode.Open)]
    [InlineData("", null)]
    public void Registration_mode_is_read_by_name_and_unset_leaves_it_to_the_default(string value, SignUpMode? expected)
    {
        var options = Options([("Registration:Mode", value)]);

        Assert.Equal(expected, options.Mode);
        Assert.Equal(7, options.InvitationDays);
    }

    [Theory]
    [InlineData("Registration:Mode", "Everyone")]
    [InlineData("Registration:Mode", "5")]
    [InlineData("Registration:InvitationDays", "0")]
    [InlineData("Registration:InvitationDays", "400")]
    public void A_bad_value_fails_naming_its_key(string key, string value)
    {
        var error = Assert.ThrowsAny<Exception>(() => Options([(key, value)]));

        Assert.Contains(key, error.Message);
    }

    // The site's own composition; resolving the options is what ValidateOnStart does when the host starts.
    private static RegistrationOptions Options(IEnumerable<(string Key, string Value)> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(
            [KeyValuePair.Create("ConnectionStrings:ChatSphere", (string?)"Host=127.0.0.1;Database=none"),
             .. settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))]);
        builder.AddChatSphereCore();
        using var provider = builder.Services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<RegistrationOptions>>().Value;
    }
}
