namespace ChatSphere.Core.Accounts;

public enum AccountStatus
{
    Active,
    AwaitingApproval,
    Locked,
}
