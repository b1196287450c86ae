using ChatSphere.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatSphere.Core.Data.Configurations;

internal sealed class ChunkConfiguration : IEntityTypeConfiguration<Chunk>
{
    public void Configure(EntityTypeBuilder<Chunk> builder)
    {
        builder.HasIndex(c => new { c.DocumentId, c.Ordinal }).IsUnique();
        builder.HasIndex(c => c.BotId);
        builder.Property(c => c.EmbeddingModel).HasMaxLength(200);

        // Untyped: dimension-specific HNSW indexes are partial expression indexes per dimension.
        builder.Property(c => c.Embedding).HasColumnType("vector");

        builder.Property(c => c.HeadingPath).HasMaxLength(1000);
        builder.Property(c => c.SearchVector)
            .HasComputedColumnSql(
                """setweight(to_tsvector('english', "HeadingPath"), 'A') || setweight(to_tsvector('english', "Text"), 'B')""",
                stored: true);
        builder.HasIndex(c => c.SearchVector).HasMethod("GIN");
    }
}
