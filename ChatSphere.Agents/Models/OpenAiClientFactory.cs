using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.Options;
using OpenAI;

namespace ChatSphere.Agents.Models;

/// <summary>Clients for the configured OpenAI-compatible endpoint, with time limits and bounded retries.</summary>
public sealed class OpenAiClientFactory(IOptions<ModelOptions> options)
{
    private readonly Lazy<OpenAIClient> _client = new(() => Create(options.Value, TimeSpan.FromSeconds(options.Value.TimeoutSeconds)));
    private readonly Lazy<OpenAIClient> _chat = new(() => Create(options.Value, Timeout.InfiniteTimeSpan));

    /// <summary>For whole requests (embeddings): each attempt is limited to <see cref="ModelOptions.TimeoutSeconds"/>.</summary>
    public OpenAIClient Client => _client.Value;

    /// <summary>
    /// For streamed chat, which the model answerer bounds itself: it cancels when the model has been silent for
    /// <see cref="ModelOptions.StreamIdleTimeoutSeconds"/>, before the response starts as well as between tokens. The
    /// SDK's own network timeout would wrap the response in a stream that starts and links a new timer on every read,
    /// i.e. on every token of every stream.
    /// </summary>
    public OpenAIClient ChatClient => _chat.Value;

    private static OpenAIClient Create(ModelOptions options, TimeSpan networkTimeout)
    {
        if (options.ApiKey is null)
        {
            throw new InvalidOperationException(
                "No model API key is configured (Models__ApiKey), so only ChatSphere's offline models are available.");
        }

        var clientOptions = new OpenAIClientOptions
        {
            NetworkTimeout = networkTimeout,
            // The pipeline's retry policy backs off on 429 and 5xx and honours Retry-After; bounded here.
            RetryPolicy = new ClientRetryPolicy(maxRetries: options.MaxRetries),
        };
        if (options.BaseUrl is not null)
        {
            clientOptions.Endpoint = new Uri(options.BaseUrl);
        }

        return new OpenAIClient(new ApiKeyCredential(options.ApiKey), clientOptions);
    }
}
