using ChatSphere.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatSphere.Core.Data.Configurations;

internal sealed class AccountUsageConfiguration : IEntityTypeConfiguration<AccountUsage>
{
    public void Configure(EntityTypeBuilder<AccountUsage> builder)
    {
        builder.HasKey(u => new { u.UserId, u.Day });
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(u => u.UserId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
