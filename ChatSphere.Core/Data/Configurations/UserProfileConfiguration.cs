using ChatSphere.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatSphere.Core.Data.Configurations;

internal sealed class UserProfileConfiguration : IEntityTypeConfiguration<UserProfile>
{
    public void Configure(EntityTypeBuilder<UserProfile> builder)
    {
        builder.HasKey(p => p.UserId);
        builder.Property(p => p.DisplayName).HasMaxLength(100);
        builder.Property(p => p.AvatarContentType).HasMaxLength(50);
        builder.Property(p => p.TimeZone).HasMaxLength(64);
    }
}
