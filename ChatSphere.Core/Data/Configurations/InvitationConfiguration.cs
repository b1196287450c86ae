using ChatSphere.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatSphere.Core.Data.Configurations;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.Property(i => i.Email).HasMaxLength(256);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => i.CreatedAt);

        // The record of who invited whom outlives either account.
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(i => i.InvitedById)
            .OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(i => i.AcceptedUserId)
            .OnDelete(DeleteBehavior.SetNull);
    }
}
