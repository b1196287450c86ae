using ChatSphere.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatSphere.Core.Data.Configurations;

internal sealed class BotAvatarConfiguration : IEntityTypeConfiguration<BotAvatar>
{
    public void Configure(EntityTypeBuilder<BotAvatar> builder)
    {
        builder.HasKey(a => a.BotId);
        builder.Property(a => a.ContentType).HasMaxLength(50);
    }
}
