using ChatSphere.Agents.Chat;
using ChatSphere.Core.Domain;

namespace ChatSphere.Agents.Answering;

/// <summary>The owner's "I don't know" when nothing relevant was found: one delta, no citations, and no model asked.</summary>
public static class FallbackReply
{
    public static IAsyncEnumerable<ChatUpdate> For(Bot bot, bool offline) => new ChatUpdate[]
    {
        new ChatDelta(bot.FallbackMessage),
        new ChatCompleted(bot.FallbackMessage, [], null, null, offline) { Fallback = true },
    }.ToAsyncEnumerable();
}
