namespace ChatSphere.Agents.Chat;

/// <summary>
/// What a turn produces, in order: deltas of text, then one completion or one failure. An answerer completes with
/// <see cref="ChatCompleted"/>; <see cref="ChatTurns"/> stores it and completes with <see cref="ChatSaved"/> instead.
/// </summary>
public abstract record ChatUpdate;
