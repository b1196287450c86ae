using ChatSphere.Core.Quotas;

namespace ChatSphere.Agents.Chat;

/// <summary>Why a turn was refused before anything was stored or sent; <see cref="Field"/> and <see cref="Message"/> say what to fix.</summary>
public sealed record TurnRejection(TurnRejectionReason Reason, string Field, string Message)
{
    /// <summary>For <see cref="TurnRejectionReason.QuotaExceeded"/>: the bot owner's quota that refused it, and when it renews.</summary>
    public QuotaRefusal? Quota { get; init; }
}
