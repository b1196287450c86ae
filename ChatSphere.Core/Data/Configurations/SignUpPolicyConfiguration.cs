using ChatSphere.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatSphere.Core.Data.Configurations;

internal sealed class SignUpPolicyConfiguration : IEntityTypeConfiguration<SignUpPolicy>
{
    public void Configure(EntityTypeBuilder<SignUpPolicy> builder)
    {
        builder.ToTable("SignUpPolicy", table => table.HasCheckConstraint("CK_SignUpPolicy_SingleRow", $"\"Id\" = {SignUpPolicy.SingleRowId}"));
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Mode).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(p => p.UpdatedById)
            .OnDelete(DeleteBehavior.SetNull);
    }
}
