namespace ChatSphere.Agents.Chat;

/// <summary>A turn <see cref="ChatTurns.StartAsync"/> opened: its question is stored and it is ready to run, or it was refused.</summary>
public sealed class OpenTurn
{
    private readonly TurnRun? _run;

    internal OpenTurn(TurnRejection rejection) => Rejection = rejection;

    internal OpenTurn(TurnRun run) => _run = run;

    /// <summary>Why the turn was refused, before anything was stored; null when it is ready to run.</summary>
    public TurnRejection? Rejection { get; }

    /// <summary>
    /// Searches the bot's documents, answers and streams the answer as <see cref="ChatDelta"/>s, then stores it and ends
    /// with <see cref="ChatSaved"/>; or ends with <see cref="ChatFailed"/>. The tokens spent are told to
    /// <see cref="TurnRequest.SpendTokens"/>, also when the caller goes away mid-answer.
    /// </summary>
    public IAsyncEnumerable<ChatUpdate> RunAsync(CancellationToken cancellationToken) =>
        _run?.RunAsync(cancellationToken) ?? throw new InvalidOperationException($"This turn was refused ({Rejection?.Reason}): there is nothing to run.");
}
