namespace ChatSphere.Core.Accounts;

/// <summary>The sign-up mode in force, and where it comes from.</summary>
public sealed record SignUpSetting(SignUpMode Mode, SignUpSource Source);
