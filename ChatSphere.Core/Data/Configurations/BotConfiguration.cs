using ChatSphere.Core.Bots;
using ChatSphere.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatSphere.Core.Data.Configurations;

internal sealed class BotConfiguration : IEntityTypeConfiguration<Bot>
{
    public void Configure(EntityTypeBuilder<Bot> builder)
    {
        builder.Property(b => b.Name).HasMaxLength(BotLimits.NameMaxLength);
        builder.Property(b => b.ChatModel).HasMaxLength(BotLimits.ModelIdMaxLength);
        builder.Property(b => b.EmbeddingModel).HasMaxLength(BotLimits.ModelIdMaxLength);
        builder.Property(b => b.DocumentLanguage).HasMaxLength(16);
        builder.Property(b => b.PublicKey).HasMaxLength(64);
        builder.HasIndex(b => b.PublicKey).IsUnique();
        builder.Property(b => b.WidgetColor).HasMaxLength(7);
        builder.Property(b => b.WidgetTitle).HasMaxLength(BotLimits.NameMaxLength);
        builder.Property(b => b.WidgetPosition).HasConversion<string>().HasMaxLength(12);
        builder.HasIndex(b => b.OwnerId);
        // The widget's preflight without a bot key asks whether any bot lists a site: "origins <@ AllowedOrigins".
        builder.HasIndex(b => b.AllowedOrigins).HasMethod("gin");

        builder.HasMany(b => b.Documents).WithOne(d => d.Bot)
            .HasForeignKey(d => d.BotId)
            .OnDelete(DeleteBehavior.Cascade);

        builder.HasMany(b => b.Conversations).WithOne(c => c.Bot)
            .HasForeignKey(c => c.BotId)
            .OnDelete(DeleteBehavior.Cascade);

        builder.HasOne<BotAvatar>().WithOne()
            .HasForeignKey<BotAvatar>(a => a.BotId)
            .OnDelete(DeleteBehavior.Cascade);

        builder.HasMany<BotUsage>().WithOne()
            .HasForeignKey(u => u.BotId)
            .OnDelete(DeleteBehavior.Cascade);

        // Chunks carry the bot id for scoping; the FK makes a bot's deletion remove them in the database.
        builder.HasMany<Chunk>().WithOne()
            .HasForeignKey(c => c.BotId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
