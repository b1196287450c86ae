using System.ComponentModel.DataAnnotations;
using ChatSphere.Core.Domain;

namespace ChatSphere.Core.Accounts;

/// <summary>The <c>Registration</c> section: the sign-up policy until an Admin sets one on the admin page.</summary>
public sealed class RegistrationOptions
{
    public const string SectionName = "Registration";

    /// <summary>InviteOnly, Approval or Open; unset means InviteOnly once an Admin exists (Open before).</summary>
    [EnumDataType(typeof(SignUpMode), ErrorMessage = "Registration:Mode must be InviteOnly, Approval or Open.")]
    public SignUpMode? Mode { get; set; }

    /// <summary>How long a new invitation link stays valid, unless the Admin chooses otherwise.</summary>
    [Range(1, Invitation.MaxDays, ErrorMessage = "Registration:InvitationDays must be between 1 and 365.")]
    public int InvitationDays { get; set; } = 7;
}
