using System.ClientModel;
using ChatSphere.Testing.FakeOpenAi;
using OpenAI;

namespace ChatSphere.IntegrationTests.FakeOpenAi;

/// <summary>Real OpenAI SDK clients pointed at a fake server.</summary>
internal static class FakeClients
{
    public static OpenAIClient OpenAi(FakeOpenAiServer server, Action<OpenAIClientOptions>? configure = null, string? apiKey = null)
    {
        var options = new OpenAIClientOptions { Endpoint = server.BaseUrl };
        configure?.Invoke(options);
        return new OpenAIClient(new ApiKeyCredential(apiKey ?? server.ApiKey), options);
    }
}
