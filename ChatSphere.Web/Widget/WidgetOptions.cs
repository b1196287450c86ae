using System.ComponentModel.DataAnnotations;

namespace ChatSphere.Web.Widget;

/// <summary>Limits for the public widget: visitors are anonymous, so every one of these is a budget against abuse.</summary>
public sealed class WidgetOptions
{
    public const string SectionName = "Widget";

    /// <summary>How long a widget session token lasts; the widget mints a new one when it expires.</summary>
    [Range(1, 24 * 60)]
    public int SessionMinutes { get; set; } = 15;

    [Range(1, 4000)]
    public int MaxMessageLength { get; set; } = 1000;

    /// <summary>Widget requests (sessions, chats, history) per client IP per minute.</summary>
    [Range(1, 1_000_000)]
    public int PerIpPerMinute { get; set; } = 30;

    /// <summary>Chat messages per visitor per minute.</summary>
    [Range(1, 1_000_000)]
    public int PerVisitorPerMinute { get; set; } = 10;

    /// <summary>Chat messages per bot per minute, across all its visitors.</summary>
    [Range(1, 1_000_000)]
    public int PerBotPerMinute { get; set; } = 120;
}
