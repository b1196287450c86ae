namespace ChatSphere.Core.Accounts;

public enum InvitationStatus
{
    Pending,
    Accepted,
    Expired,
    Revoked,

    /// <summary>A token that matches no invitation (never stored).</summary>
    Unknown,
}
