using ChatSphere.Core.Domain;
using ChatSphere.Core.Languages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatSphere.Core.Data.Configurations;

internal sealed class ChunkConfiguration : IEntityTypeConfiguration<Chunk>
{
    // Before SearchVectorSql, which reads it: static fields initialise in order.
    private static readonly string Config = SearchConfigurations.CaseSql("\"Language\"");

    /// <summary>Heading (weight A) and text (weight B), segmented when they hold an unspaced script, in the chunk's language.</summary>
    public static readonly string SearchVectorSql =
        $"""setweight(to_tsvector({Config}, coalesce("SearchHeading", "HeadingPath")), 'A') || """ +
        $"""setweight(to_tsvector({Config}, coalesce("SearchText", "Text")), 'B')""";

    public void Configure(EntityTypeBuilder<Chunk> builder)
    {
        builder.HasIndex(c => new { c.DocumentId, c.Ordinal }).IsUnique();
        builder.HasIndex(c => c.BotId);
        builder.Property(c => c.EmbeddingModel).HasMaxLength(200);

        // Untyped: dimension-specific HNSW indexes are partial expression indexes per dimension.
        builder.Property(c => c.Embedding).HasColumnType("vector");

        builder.Property(c => c.HeadingPath).HasMaxLength(1000);
        builder.Property(c => c.Language).HasMaxLength(16);
        builder.Property(c => c.SearchVector).HasComputedColumnSql(SearchVectorSql, stored: true);
        builder.HasIndex(c => c.SearchVector).HasMethod("GIN");
    }
}
