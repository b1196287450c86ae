namespace ChatSphere.Core.Domain;

/// <summary>
/// Tells an Admin's lock from Identity's automatic lockout. Both are <c>LockoutEnd</c>: failed passwords set it a few
/// minutes ahead, an Admin sets it to <see cref="DateTimeOffset.MaxValue"/> (and updates the security stamp). Only the
/// Admin's lock disables the API (tokens and keys): anyone who knows an email can cause the automatic one.
/// </summary>
public static class AccountLock
{
    /// <summary>What an Admin's lock sets: <c>UserManager.SetLockoutEndDateAsync(user, AccountLock.Indefinite)</c>.</summary>
    public static readonly DateTimeOffset Indefinite = DateTimeOffset.MaxValue;

    /// <summary>
    /// Compared by year, not exactly: Npgsql reads <c>infinity</c> back as MaxValue, but a store with microsecond
    /// precision would return a value a few ticks short of it.
    /// </summary>
    public static bool IsDisabledByAdmin(DateTimeOffset? lockoutEnd) =>
        lockoutEnd is { } end && end.UtcDateTime.Year == Indefinite.Year;
}
