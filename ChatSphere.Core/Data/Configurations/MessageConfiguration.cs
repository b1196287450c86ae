using ChatSphere.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatSphere.Core.Data.Configurations;

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.Feedback).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(m => new { m.ConversationId, m.CreatedAt });
        builder.OwnsMany(m => m.Citations, c => c.ToJson());
    }
}
