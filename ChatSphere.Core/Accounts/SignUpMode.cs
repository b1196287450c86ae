namespace ChatSphere.Core.Accounts;

/// <summary>Who may create an account on the register page.</summary>
public enum SignUpMode
{
    /// <summary>Only with an Admin's invitation link.</summary>
    InviteOnly,

    /// <summary>Anyone, but the account cannot sign in until an Admin approves it.</summary>
    Approval,

    /// <summary>Anyone.</summary>
    Open,
}
