using ChatSphere.Core.Domain;

namespace ChatSphere.Web.Pages.Bots;

/// <summary>The bot pages' breadcrumb and tabs: which bot, which tab is open.</summary>
public sealed record BotNavModel(Bot Bot, string Active);
