using System.Text.Json;
using ChatSphere.Agents.Chat;
using ChatSphere.Core.Domain;
using ChatSphere.Web.Chat;

namespace ChatSphere.UnitTests.Web;

public sealed class ChatResponseTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static readonly Citation Otters = new()
    {
        ChunkId = Guid.NewGuid(), DocumentId = Guid.NewGuid(), DocumentName = "animals.md", Snippet = "Sea otters hold hands.",
    };

    [Fact]
    public void The_reply_carries_exactly_the_contracts_fields_and_offline_and_no_timings()
    {
        var saved = new ChatSaved(Guid.NewGuid(), Guid.NewGuid(), new ChatCompleted("Otters hold hands [1].", [Otters], 120, 8, Offline: false));

        var json = JsonSerializer.SerializeToElement(ChatResponse.From(saved), Web);

        Assert.Equal(["conversationId", "messageId", "reply", "citations", "usage", "offline"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(saved.ConversationId, json.GetProperty("conversationId").GetGuid());
        Assert.Equal(saved.MessageId, json.GetProperty("messageId").GetGuid());
        Assert.Equal("Otters hold hands [1].", json.GetProperty("reply").GetString());
        var citation = Assert.Single(json.GetProperty("citations").EnumerateArray());
        Assert.Equal(["chunkId", "documentId", "documentName", "snippet"], citation.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Otters.ChunkId, citation.GetProperty("chunkId").GetGuid());
        Assert.Equal((120, 8), (json.GetProperty("usage").GetProperty("inputTokens").GetInt32(), json.GetProperty("usage").GetProperty("outputTokens").GetInt32()));
    }

    [Fact]
    public void Usage_is_null_when_no_model_reported_tokens_and_zero_for_a_side_it_left_out()
    {
        Assert.Null(ChatResponse.From(new ChatSaved(Guid.NewGuid(), Guid.NewGuid(), new ChatCompleted("Quoted.", [], null, null, Offline: true))).Usage);
        Assert.Equal(new UsageResponse(0, 9), ChatResponse.From(new ChatSaved(Guid.NewGuid(), Guid.NewGuid(), new ChatCompleted("Hi", [], null, 9, false))).Usage);
    }
}
