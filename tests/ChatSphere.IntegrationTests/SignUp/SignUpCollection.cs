namespace ChatSphere.IntegrationTests.SignUp;

/// <summary>
/// Tests of the sign-up policy and the admin pages on one host; they run one at a time, so each may set the stored
/// sign-up mode it needs.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SignUpCollection : ICollectionFixture<SignUpFactory>
{
    public const string Name = "sign-up";
}
