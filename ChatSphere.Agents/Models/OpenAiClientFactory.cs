using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.Options;
using OpenAI;

namespace ChatSphere.Agents.Models;

/// <summary>One client for the configured OpenAI-compatible endpoint, with a time limit and bounded retries.</summary>
public sealed class OpenAiClientFactory(IOptions<ModelOptions> options)
{
    private readonly Lazy<OpenAIClient> _client = new(() => Create(options.Value));

    public OpenAIClient Client => _client.Value;

    private static OpenAIClient Create(ModelOptions options)
    {
        if (options.ApiKey is null)
        {
            throw new InvalidOperationException(
                "No model API key is configured (Models__ApiKey), so only ChatSphere's offline models are available.");
        }

        var clientOptions = new OpenAIClientOptions
        {
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
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
