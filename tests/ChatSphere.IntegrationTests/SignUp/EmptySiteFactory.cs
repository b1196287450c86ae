using ChatSphere.Core.Data;
using ChatSphere.IntegrationTests.Infrastructure;

namespace ChatSphere.IntegrationTests.SignUp;

/// <summary>A new site as an operator first starts it: no admin from the environment, no sign-up mode configured.</summary>
public sealed class EmptySiteFactory : ChatSphereFactory
{
    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        (AppDbInitialiser.AdminEmailKey, ""),
        (AppDbInitialiser.AdminPasswordKey, ""),
        ("Registration:Mode", ""),
    ];
}
