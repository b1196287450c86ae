using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.Core.Conversations;

/// <summary>Conversations and their messages; every lookup is scoped to the bot and to who is talking.</summary>
public sealed class ConversationService(AppDbContext db)
{
    /// <summary>The caller's conversation with this bot, or null when it does not exist or belongs to someone else.</summary>
    public Task<Conversation?> FindAsync(Guid botId, Guid conversationId, string? userId, string? visitorId, CancellationToken cancellationToken = default) =>
        db.Conversations.FirstOrDefaultAsync(
            c => c.Id == conversationId && c.BotId == botId && c.UserId == userId && c.VisitorId == visitorId, cancellationToken);

    /// <summary>One bot's conversations, read-only, each with its messages in order: for transcripts.</summary>
    public IQueryable<Conversation> Transcripts(Guid botId) =>
        db.Conversations.AsNoTracking().Include(c => c.Messages.OrderBy(m => m.CreatedAt)).Where(c => c.BotId == botId);

    /// <summary>One bot's conversations, newest first, as list rows.</summary>
    public IQueryable<ConversationSummary> Summaries(Guid botId) =>
        db.Conversations.AsNoTracking().Where(c => c.BotId == botId).OrderByDescending(c => c.UpdatedAt)
            .Select(c => new ConversationSummary(c.Id, c.Title, c.Channel, c.VisitorId, c.Messages.Count, c.CreatedAt, c.UpdatedAt));

    /// <summary>Starts a conversation with its first question, stored in the same save (one transaction, one round trip fewer per turn).</summary>
    public async Task<Conversation> StartAsync(
        Guid botId, string? userId, string? visitorId, ConversationChannel channel, string firstMessage, CancellationToken cancellationToken = default)
    {
        var conversation = new Conversation
        {
            BotId = botId, UserId = userId, VisitorId = visitorId, Channel = channel,
            Title = ConversationTitle.Of(firstMessage),
        };
        db.Conversations.Add(conversation);
        db.Messages.Add(new Message { ConversationId = conversation.Id, Role = MessageRole.User, Content = firstMessage });
        await db.SaveChangesAsync(cancellationToken);
        return conversation;
    }

    /// <summary>
    /// The caller's recent conversation on <paramref name="channel"/> whose messages are exactly <paramref name="history"/>
    /// (roles and trimmed text, in order), so a stateless client that resends the whole exchange each time continues one
    /// conversation instead of starting a new one per question; null when none matches.
    /// </summary>
    public async Task<Guid?> FindByHistoryAsync(
        Guid botId, string userId, ConversationChannel channel, IReadOnlyList<(MessageRole Role, string Content)> history,
        CancellationToken cancellationToken = default)
    {
        if (history.Count == 0)
        {
            return null;
        }

        var candidates = await db.Conversations.AsNoTracking()
            .Where(c => c.BotId == botId && c.UserId == userId && c.VisitorId == null && c.Channel == channel && c.Messages.Count == history.Count)
            .OrderByDescending(c => c.UpdatedAt)
            .Take(10)
            .Select(c => new
            {
                c.Id,
                Messages = c.Messages.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => new { m.Role, m.Content }).ToList(),
            })
            .ToListAsync(cancellationToken);
        return candidates
            .FirstOrDefault(c => c.Messages.Select(m => (m.Role, m.Content.Trim())).SequenceEqual(history.Select(h => (h.Role, h.Content.Trim()))))
            ?.Id;
    }

    /// <summary>The latest messages, oldest first.</summary>
    public async Task<List<(MessageRole Role, string Content)>> HistoryAsync(Guid conversationId, int max, CancellationToken cancellationToken = default)
    {
        var latest = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Take(max)
            .Select(m => new { m.Role, m.Content })
            .ToListAsync(cancellationToken);
        return latest.AsEnumerable().Reverse().Select(m => (m.Role, m.Content)).ToList();
    }

    /// <summary>
    /// For "regenerate": removes the answers after the conversation's last question and returns that question with the
    /// history before it; null when the conversation has no question yet.
    /// </summary>
    public async Task<(string Question, List<(MessageRole Role, string Content)> History)?> RewindToLastQuestionAsync(
        Guid conversationId, int max, CancellationToken cancellationToken = default)
    {
        var question = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Role == MessageRole.User)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (question is null)
        {
            return null;
        }

        await db.Messages.Where(m => m.ConversationId == conversationId && m.CreatedAt >= question.CreatedAt && m.Id != question.Id)
            .ExecuteDeleteAsync(cancellationToken);
        var history = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.CreatedAt < question.CreatedAt)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Take(max)
            .Select(m => new { m.Role, m.Content })
            .ToListAsync(cancellationToken);
        return (question.Content, history.AsEnumerable().Reverse().Select(m => (m.Role, m.Content)).ToList());
    }

    /// <summary>
    /// Records 👍/👎 (or clears it) on an answer of the bot; false when the bot has no such answer. Callers have checked
    /// that the bot is the owner's (the BotOwner policy on the API and the bot pages).
    /// </summary>
    public async Task<bool> SetFeedbackAsync(Guid botId, Guid messageId, MessageFeedback? feedback, CancellationToken cancellationToken = default) =>
        await db.Messages
            .Where(m => m.Id == messageId && m.Role == MessageRole.Assistant && m.Conversation!.BotId == botId)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.Feedback, feedback), cancellationToken) > 0;

    public async Task<Message> AddAsync(Conversation conversation, Message message, CancellationToken cancellationToken = default)
    {
        message.ConversationId = conversation.Id;
        db.Messages.Add(message);
        conversation.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        return message;
    }
}
