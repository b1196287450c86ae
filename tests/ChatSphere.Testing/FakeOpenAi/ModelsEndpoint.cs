using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatSphere.Testing.FakeOpenAi;

/// <summary><c>GET /v1/models</c>: the chat model and every embedding model in the table.</summary>
internal sealed class ModelsEndpoint(ConcurrentDictionary<string, int> embeddingModels)
{
    public Task HandleAsync(HttpContext context)
    {
        var ids = embeddingModels.Keys.Order().Prepend(FakeOpenAiServer.ChatModel);
        var data = ids.Select(id => (JsonNode)new JsonObject
        {
            ["id"] = id,
            ["object"] = "model",
            ["created"] = 1_700_000_000,
            ["owned_by"] = "chatsphere-fake",
        });
        return OpenAiJson.WriteAsync(context, new JsonObject { ["object"] = "list", ["data"] = new JsonArray([.. data]) });
    }
}
