using ChatSphere.Core.Domain;

namespace ChatSphere.Web.Bots;

/// <summary>The request's bot, checked to be the caller's by <see cref="BotOwnerHandler"/>.</summary>
public sealed record OwnedBotFeature(Bot Bot);
