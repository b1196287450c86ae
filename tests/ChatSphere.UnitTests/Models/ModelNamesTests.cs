using ChatSphere.Agents.Models;
using ChatSphere.Core.Domain;

namespace ChatSphere.UnitTests.Models;

public sealed class ModelNamesTests
{
    [Theory]
    [InlineData("text-embedding-3-small", ModelKind.Embedding)]
    [InlineData("nomic-embed-text", ModelKind.Embedding)]
    [InlineData("gpt-4o-mini", ModelKind.Chat)]
    [InlineData("llama3.1:8b", ModelKind.Chat)]
    [InlineData("whisper-1", null)]
    [InlineData("tts-1-hd", null)]
    [InlineData("dall-e-3", null)]
    [InlineData("omni-moderation-latest", null)]
    public void A_listed_models_kind_is_guessed_from_its_name(string name, ModelKind? kind) =>
        Assert.Equal(kind, ModelNames.Guess(name));
}
