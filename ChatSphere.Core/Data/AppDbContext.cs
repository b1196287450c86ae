using ChatSphere.Core.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.Core.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<UserProfile> UserProfiles => Set<UserProfile>();

    public DbSet<Bot> Bots => Set<Bot>();

    public DbSet<Document> Documents => Set<Document>();

    public DbSet<DocumentContent> DocumentContents => Set<DocumentContent>();

    public DbSet<Chunk> Chunks => Set<Chunk>();

    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<Message> Messages => Set<Message>();

    public DbSet<PendingEmbedding> PendingEmbeddings => Set<PendingEmbedding>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<BotUsage> BotUsage => Set<BotUsage>();

    public DbSet<AccountQuota> AccountQuotas => Set<AccountQuota>();

    public DbSet<AccountUsage> AccountUsage => Set<AccountUsage>();

    public DbSet<BotAvatar> BotAvatars => Set<BotAvatar>();

    public DbSet<AppSecret> AppSecrets => Set<AppSecret>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<SignUpPolicy> SignUpPolicy => Set<SignUpPolicy>();

    public DbSet<AllowedModel> AllowedModels => Set<AllowedModel>();

    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys =>
        Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("vector");
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
