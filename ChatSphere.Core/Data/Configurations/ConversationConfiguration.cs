using ChatSphere.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatSphere.Core.Data.Configurations;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.Property(c => c.Channel).HasConversion<string>().HasMaxLength(10);
        builder.Property(c => c.VisitorId).HasMaxLength(64);
        builder.Property(c => c.Title).HasMaxLength(200);
        builder.HasIndex(c => new { c.BotId, c.UpdatedAt });
        builder.HasIndex(c => new { c.BotId, c.VisitorId });

        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(c => c.UserId)
            .OnDelete(DeleteBehavior.Cascade);

        builder.HasMany(c => c.Messages).WithOne(m => m.Conversation)
            .HasForeignKey(m => m.ConversationId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
