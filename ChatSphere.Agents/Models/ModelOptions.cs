using System.ComponentModel.DataAnnotations;
using ChatSphere.Core.Bots;

namespace ChatSphere.Agents.Models;

/// <summary>
/// One OpenAI-compatible endpoint (OpenAI, Azure OpenAI, Ollama, vLLM). With no API key, bots run on the
/// offline models built into ChatSphere.
/// </summary>
public sealed class ModelOptions
{
    public const string SectionName = "Models";

    /// <summary>Base URL of an OpenAI-compatible API; null (or blank, as compose passes unset variables) means OpenAI's own.</summary>
    [Url]
    public string? BaseUrl { get; set => field = string.IsNullOrWhiteSpace(value) ? null : value.Trim(); }

    public string? ApiKey { get; set => field = string.IsNullOrWhiteSpace(value) ? null : value.Trim(); }

    [Required]
    public string ChatModel { get; set; } = "gpt-4o-mini";

    [Required]
    public string EmbeddingModel { get; set; } = "text-embedding-3-small";

    /// <summary>Time limit of one request to the endpoint.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 100;

    /// <summary>How long a streamed answer may go without a token before it is stopped with a timeout error.</summary>
    [Range(1, 600)]
    public int StreamIdleTimeoutSeconds { get; set; } = 30;

    /// <summary>Retries of a request that got 429 or 5xx, each after the delay the endpoint asks for (Retry-After).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>
    /// Rounds of tool calls (searches the model asks for) in one turn; after them the model is asked once more with tools
    /// it may not call, so it answers from what it has. 0 gives the model no tool rounds at all.
    /// </summary>
    [Range(0, 10)]
    public int MaxToolRounds { get; set; } = 3;

    /// <summary>How long the endpoint's list of models (<c>GET /models</c>) is kept before it is asked again.</summary>
    [Range(1, 1440)]
    public int ListCacheMinutes { get; set; } = 10;

    /// <summary>The longest answer an owner may set for a bot (its <c>maxAnswerTokens</c>); answers are held to it too.</summary>
    [Range(BotLimits.MinAnswerTokens, BotLimits.MaxAnswerTokens)]
    public int MaxAnswerTokens { get; set; } = BotLimits.MaxAnswerTokens;

    public ModelMode Mode => string.IsNullOrWhiteSpace(ApiKey) ? ModelMode.Offline : ModelMode.OpenAiCompatible;
}
