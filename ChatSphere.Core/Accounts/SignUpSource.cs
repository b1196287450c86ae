namespace ChatSphere.Core.Accounts;

/// <summary>Where the sign-up mode in force comes from.</summary>
public enum SignUpSource
{
    /// <summary>An Admin chose it on the admin page; it wins over configuration.</summary>
    AdminPage,

    /// <summary>Registration:Mode.</summary>
    Configuration,

    /// <summary>Neither: InviteOnly once an Admin exists.</summary>
    Default,
}
