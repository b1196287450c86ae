using ChatSphere.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatSphere.Core.Data.Configurations;

internal sealed class AccountQuotaConfiguration : IEntityTypeConfiguration<AccountQuota>
{
    public void Configure(EntityTypeBuilder<AccountQuota> builder)
    {
        builder.HasKey(q => q.UserId);
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(q => q.UserId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
