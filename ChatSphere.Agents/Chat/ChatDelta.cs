namespace ChatSphere.Agents.Chat;

/// <summary>The next piece of the answer's text.</summary>
public sealed record ChatDelta(string Text) : ChatUpdate;
