using ChatSphere.Core.Domain;

namespace ChatSphere.Agents.Chat;

/// <summary>What a bot's turn produces, in order: deltas of text, then one completion or one failure.</summary>
public abstract record ChatUpdate;

public sealed record ChatDelta(string Text) : ChatUpdate;

public sealed record ChatCompleted(string Reply, IReadOnlyList<Citation> Citations, int? InputTokens, int? OutputTokens, bool Offline)
    : ChatUpdate
{
    /// <summary>Where the turn's time went before the first token, in milliseconds (retrieval, prompt, model).</summary>
    public IReadOnlyDictionary<string, double> Timings { get; init; } = new Dictionary<string, double>();
}

/// <summary>The turn failed; <see cref="Detail"/> is for the user, <see cref="Retryable"/> says whether trying again may help.</summary>
public sealed record ChatFailed(string Code, string Detail, bool Retryable) : ChatUpdate;
