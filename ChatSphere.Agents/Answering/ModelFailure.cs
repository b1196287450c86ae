using ChatSphere.Agents.Chat;
using Microsoft.SemanticKernel;

namespace ChatSphere.Agents.Answering;

/// <summary>What the user is told when the model call fails, by what failed.</summary>
internal static class ModelFailure
{
    /// <summary>The stream ended before the model said it had finished: what came is not the whole answer.</summary>
    public static ChatFailed Truncated { get; } =
        new("model_error", "The model's answer broke off before its end. Please try again.", true);

    /// <param name="idle">The idle timer stopped the call (the model went silent).</param>
    public static ChatFailed Of(Exception ex, bool idle, TimeSpan idleTimeout)
    {
        var status = ex switch
        {
            HttpOperationException http => (int?)http.StatusCode,
            System.ClientModel.ClientResultException client => client.Status,
            _ => null,
        };
        return (idle, status) switch
        {
            (true, _) or (_, 408) => new ChatFailed("timeout", $"The model did not answer within {idleTimeout.TotalSeconds:0} seconds.", true),
            (_, 429) => new ChatFailed("rate_limited", "The model is busy (rate limited). Please try again in a moment.", true),
            (_, 401 or 403) => new ChatFailed("model_auth", "The model endpoint refused ChatSphere's key.", false),
            (_, >= 500) => new ChatFailed("model_unavailable", "The model is not answering right now. Please try again.", true),
            _ => new ChatFailed("model_error", "The answer could not be produced.", true),
        };
    }
}
