using ChatSphere.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.Web.Infrastructure;

/// <summary>Times as an owner reads them: in their profile's time zone, UTC when it has none.</summary>
public static class UserTimeZone
{
    public static async Task<TimeZoneInfo> FindAsync(AppDbContext db, string userId, CancellationToken cancellationToken = default)
    {
        var zone = await db.UserProfiles.Where(p => p.UserId == userId).Select(p => p.TimeZone).FirstOrDefaultAsync(cancellationToken);
        return zone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) ? found : TimeZoneInfo.Utc;
    }

    public static string Format(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("d MMM yyyy, HH:mm");
}
