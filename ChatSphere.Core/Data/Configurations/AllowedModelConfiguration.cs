using ChatSphere.Core.Bots;
using ChatSphere.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatSphere.Core.Data.Configurations;

internal sealed class AllowedModelConfiguration : IEntityTypeConfiguration<AllowedModel>
{
    public void Configure(EntityTypeBuilder<AllowedModel> builder)
    {
        builder.HasKey(m => m.Name);
        builder.Property(m => m.Name).HasMaxLength(BotLimits.ModelIdMaxLength);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
    }
}
