using ChatSphere.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatSphere.Core.Data.Configurations;

internal sealed class BotUsageConfiguration : IEntityTypeConfiguration<BotUsage>
{
    public void Configure(EntityTypeBuilder<BotUsage> builder)
    {
        builder.HasKey(u => new { u.BotId, u.Day });
    }
}
