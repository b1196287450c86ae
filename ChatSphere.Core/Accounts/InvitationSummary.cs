namespace ChatSphere.Core.Accounts;

/// <summary>An invitation as the admin page lists it.</summary>
public sealed record InvitationSummary(
    Guid Id, string Email, string? InvitedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, InvitationStatus Status);
