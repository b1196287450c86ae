using ChatSphere.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.Core.Accounts;

/// <summary>
/// Changes to who has an account or may administer the site run one at a time, across instances: in a transaction
/// holding a PostgreSQL advisory lock, so two first sign-ups cannot both become Admin, an invitation is used once,
/// and two Admins cannot lock each other out at the same moment.
/// </summary>
internal static class AccountsLock
{
    // Any constant will do; this one reads "CSACCT" in hex.
    private const long Key = 0x43_53_41_43_43_54;

    public static Task<T> RunAsync<T>(AppDbContext db, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        // The retrying strategy runs the whole unit again after a transient failure, from a clean change tracker.
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({Key})", cancellationToken);
            var result = await work();
            await transaction.CommitAsync(cancellationToken);
            return result;
        });
    }
}
