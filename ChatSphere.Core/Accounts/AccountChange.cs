namespace ChatSphere.Core.Accounts;

/// <summary>The outcome of an Admin's action on an account, in words for the page.</summary>
public sealed record AccountChange(bool Succeeded, string Message)
{
    public static AccountChange Done(string message) => new(true, message);

    public static AccountChange Refused(string message) => new(false, message);
}
