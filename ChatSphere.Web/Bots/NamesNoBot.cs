namespace ChatSphere.Web.Bots;

/// <summary>
/// Endpoint metadata for the one page under /Bots that names no bot (the bots list). Only it passes the BotOwner check
/// without a <c>botId</c> route value: any other route without one is refused, so a page or route that names its bot
/// another way cannot skip the check by accident.
/// </summary>
public sealed class NamesNoBot;
