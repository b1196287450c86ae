using ChatSphere.Core.Accounts;
using ChatSphere.IntegrationTests.Infrastructure;

namespace ChatSphere.IntegrationTests.SignUp;

/// <summary>A host configured InviteOnly (the production default once an Admin exists), for the sign-up policy tests.</summary>
public sealed class SignUpFactory : ChatSphereFactory
{
    protected override IEnumerable<(string Key, string Value)> Settings => [("Registration:Mode", nameof(SignUpMode.InviteOnly))];
}
