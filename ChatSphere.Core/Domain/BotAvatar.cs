namespace ChatSphere.Core.Domain;

/// <summary>
/// A bot's widget avatar. A table of its own so that loading a bot (on every chat) never drags the image along;
/// <see cref="Bot.WidgetAvatarUpdatedAt"/> says whether there is one and versions its URL.
/// </summary>
public sealed class BotAvatar
{
    public Guid BotId { get; set; }

    public required byte[] Bytes { get; set; }

    /// <summary>Sniffed from the bytes at upload.</summary>
    public required string ContentType { get; set; }
}
