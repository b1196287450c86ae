namespace ChatSphere.Core.Accounts;

public enum SignUpOutcome
{
    /// <summary>The first account on an empty database: it becomes the Admin, whatever the mode.</summary>
    FirstAdmin,

    /// <summary>With a pending invitation: the email is the invitation's, and the account may sign in at once.</summary>
    Invited,

    /// <summary>Mode Approval: the account is made but cannot sign in until an Admin approves it.</summary>
    AwaitingApproval,

    /// <summary>Mode Open: the account may sign in at once.</summary>
    Open,

    Refused,
}
