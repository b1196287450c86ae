namespace ChatSphere.Agents.Chat;

/// <summary>The turn failed; <see cref="Detail"/> is for the user, <see cref="Retryable"/> says whether trying again may help.</summary>
public sealed record ChatFailed(string Code, string Detail, bool Retryable) : ChatUpdate;
