namespace ChatSphere.Web.Auth;

/// <summary><c>twoFactorCode</c>: from the authenticator app, or a recovery code; needed when the account has two-factor on.</summary>
public sealed record TokenRequest(string? Email, string? Password, string? TwoFactorCode = null);
