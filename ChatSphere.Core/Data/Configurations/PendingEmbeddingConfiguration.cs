using ChatSphere.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatSphere.Core.Data.Configurations;

internal sealed class PendingEmbeddingConfiguration : IEntityTypeConfiguration<PendingEmbedding>
{
    public void Configure(EntityTypeBuilder<PendingEmbedding> builder)
    {
        builder.HasKey(e => new { e.ChunkId, e.Model });
        builder.HasIndex(e => new { e.BotId, e.Model });
        builder.Property(e => e.Model).HasMaxLength(200);
        builder.Property(e => e.Embedding).HasColumnType("vector");
        builder.HasOne<Chunk>().WithMany().HasForeignKey(e => e.ChunkId).OnDelete(DeleteBehavior.Cascade);
    }
}
