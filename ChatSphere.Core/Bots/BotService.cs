using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Ingestion;
using ChatSphere.Core.Quotas;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.Core.Bots;

/// <summary>What an owner does to their bots. Every method is scoped to the owner: another user's bot is "not found".</summary>
public sealed class BotService(AppDbContext db, IBackgroundJobClient jobs, BotIndexes botIndexes, AccountQuotas quotas)
{
    public Task<List<Bot>> ListAsync(string ownerId, CancellationToken cancellationToken = default) =>
        db.Bots.AsNoTracking()
            .Where(b => b.OwnerId == ownerId)
            .OrderBy(b => b.Name)
            .ToListAsync(cancellationToken);

    public Task<Bot?> FindAsync(string ownerId, Guid botId, CancellationToken cancellationToken = default) =>
        db.Bots.FirstOrDefaultAsync(b => b.Id == botId && b.OwnerId == ownerId, cancellationToken);

    /// <summary>
    /// Creates a bot from validated settings (see <see cref="BotSettings.Validate"/>); Name is required. Throws
    /// <see cref="QuotaExceededException"/> when the owner has as many bots as their quota allows.
    /// </summary>
    public async Task<Bot> CreateAsync(string ownerId, BotSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(settings.Name);
        if (await quotas.CheckNewBotAsync(ownerId, cancellationToken) is { } refusal)
        {
            throw new QuotaExceededException(refusal);
        }

        var bot = new Bot { OwnerId = ownerId, Name = settings.Name.Trim() };
        settings.ApplyTo(bot);
        db.Bots.Add(bot);
        await db.SaveChangesAsync(cancellationToken);
        return bot;
    }

    /// <summary>Applies validated settings; null when the owner has no such bot.</summary>
    public async Task<Bot?> UpdateAsync(string ownerId, Guid botId, BotSettings settings, CancellationToken cancellationToken = default)
    {
        var bot = await FindAsync(ownerId, botId, cancellationToken);
        if (bot is null)
        {
            return null;
        }

        var (embeddingModel, chunking, language) = (bot.EmbeddingModel, (bot.ChunkMaxTokens, bot.ChunkOverlapTokens), bot.DocumentLanguage);
        settings.ApplyTo(bot);
        bot.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(cancellationToken);

        if (bot.EmbeddingModel != embeddingModel)
        {
            // The old vectors keep answering until the new ones are complete.
            jobs.Enqueue<ReembedBotJob>(job => job.RunAsync(bot.Id, CancellationToken.None));
        }

        if ((bot.ChunkMaxTokens, bot.ChunkOverlapTokens) != chunking)
        {
            await ReindexAllAsync(bot.Id, cancellationToken: cancellationToken);
        }
        else if (bot.DocumentLanguage != language)
        {
            // Documents with a language of their own keep it; the rest are indexed in the bot's (or their detected) one.
            await ReindexAllAsync(bot.Id, onlyWithoutOwnLanguage: true, cancellationToken);
        }

        return bot;
    }

    /// <summary>
    /// Queues every document of the bot (or those whose language the owner did not choose) for ingestion again; old chunks
    /// answer until replaced.
    /// </summary>
    public async Task ReindexAllAsync(Guid botId, bool onlyWithoutOwnLanguage = false, CancellationToken cancellationToken = default)
    {
        var documents = db.Documents.Where(d => d.BotId == botId && (!onlyWithoutOwnLanguage || !d.LanguageSetByOwner));
        var ids = await documents.Select(d => d.Id).ToListAsync(cancellationToken);
        await documents.ExecuteUpdateAsync(d => d
            .SetProperty(x => x.Status, DocumentStatus.Queued)
            .SetProperty(x => x.Attempts, 0), cancellationToken);
        foreach (var id in ids)
        {
            jobs.Enqueue<IngestDocumentJob>(job => job.RunAsync(id, CancellationToken.None));
        }
    }

    /// <summary>Replaces (or, with null bytes, removes) the widget avatar of a bot the caller loaded through this service.</summary>
    public async Task SetWidgetAvatarAsync(Bot bot, byte[]? bytes, string? contentType, CancellationToken cancellationToken = default)
    {
        await db.BotAvatars.Where(a => a.BotId == bot.Id).ExecuteDeleteAsync(cancellationToken);
        if (bytes is not null)
        {
            db.BotAvatars.Add(new BotAvatar { BotId = bot.Id, Bytes = bytes, ContentType = contentType! });
        }

        bot.WidgetAvatarUpdatedAt = bytes is null ? null : DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Deletes the bot; the database cascades to its documents, chunks, conversations and messages, and a job drops the
    /// bot's own indexes if it had any.
    /// </summary>
    public async Task<bool> DeleteAsync(string ownerId, Guid botId, CancellationToken cancellationToken = default)
    {
        if (await db.Bots.Where(b => b.Id == botId && b.OwnerId == ownerId).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return false;
        }

        await botIndexes.QueueIfNeededAsync(botId, cancellationToken);
        return true;
    }
}
