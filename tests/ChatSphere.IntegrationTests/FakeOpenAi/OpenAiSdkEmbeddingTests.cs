using System.ClientModel;
using System.ClientModel.Primitives;
using System.Numerics.Tensors;
using ChatSphere.Testing.FakeOpenAi;
using OpenAI;
using OpenAI.Embeddings;

namespace ChatSphere.IntegrationTests.FakeOpenAi;

/// <summary>The real OpenAI .NET SDK embedding client reads what the fake sends, in both encodings.</summary>
public sealed class OpenAiSdkEmbeddingTests
{
    [Fact]
    public async Task Sdk_asks_for_base64_and_decodes_unit_vectors_of_the_model_dimension()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var client = FakeClients.OpenAi(server).GetEmbeddingClient(FakeOpenAiServer.SmallEmbeddingModel);

        OpenAIEmbeddingCollection embeddings = await client.GenerateEmbeddingsAsync(["alpha beta", "gamma"]);

        Assert.Equal([0, 1], embeddings.Select(e => e.Index));
        Assert.All(embeddings, e => Assert.Equal(16, e.ToFloats().Length));
        Assert.All(embeddings, e => Assert.Equal(1f, TensorPrimitives.Norm(e.ToFloats().Span), 4));
        Assert.Equal(FakeOpenAiServer.SmallEmbeddingModel, embeddings.Model);
        Assert.True(embeddings.Usage.InputTokenCount > 0);

        var request = Assert.Single(server.EmbeddingRequests);
        Assert.Equal("base64", request.EncodingFormat);
        Assert.Equal(["alpha beta", "gamma"], request.Inputs);
    }

    [Fact]
    public async Task Float_encoding_carries_the_same_vector_as_base64()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var client = FakeClients.OpenAi(server).GetEmbeddingClient(FakeOpenAiServer.LargeEmbeddingModel);
        OpenAIEmbedding viaBase64 = await client.GenerateEmbeddingAsync("the quick brown fox");

        // The SDK's convenience methods always ask for base64; the protocol method sends our own body.
        var body = BinaryData.FromObjectAsJson(new { model = FakeOpenAiServer.LargeEmbeddingModel, input = "the quick brown fox", encoding_format = "float" });
        var result = await client.GenerateEmbeddingsAsync(BinaryContent.Create(body));
#pragma warning disable OPENAI001 // OpenAIContext is marked for evaluation; it is the SDK's own reader for its models.
        var viaFloat = ModelReaderWriter.Read<OpenAIEmbeddingCollection>(
            result.GetRawResponse().Content, ModelReaderWriterOptions.Json, OpenAIContext.Default)!.Single();
#pragma warning restore OPENAI001

        Assert.Contains("\"embedding\":[", result.GetRawResponse().Content.ToString());
        Assert.Equal(viaBase64.ToFloats().ToArray(), viaFloat.ToFloats().ToArray());
    }

    [Fact]
    public async Task Vectors_are_deterministic_and_texts_sharing_words_are_closer()
    {
        await using var first = await FakeOpenAiServer.StartAsync();
        await using var second = await FakeOpenAiServer.StartAsync();
        var a = FakeClients.OpenAi(first).GetEmbeddingClient(FakeOpenAiServer.LargeEmbeddingModel);
        var b = FakeClients.OpenAi(second).GetEmbeddingClient(FakeOpenAiServer.LargeEmbeddingModel);

        OpenAIEmbeddingCollection fromFirst = await a.GenerateEmbeddingsAsync(["refund policy for orders", "refund of orders", "volcanic geology"]);
        OpenAIEmbeddingCollection fromSecond = await b.GenerateEmbeddingsAsync(["refund policy for orders"]);

        Assert.Equal(fromFirst[0].ToFloats().ToArray(), fromSecond[0].ToFloats().ToArray());
        var related = TensorPrimitives.CosineSimilarity(fromFirst[0].ToFloats().Span, fromFirst[1].ToFloats().Span);
        var unrelated = TensorPrimitives.CosineSimilarity(fromFirst[0].ToFloats().Span, fromFirst[2].ToFloats().Span);
        Assert.True(related > unrelated, $"related {related} <= unrelated {unrelated}");
    }

    [Fact]
    public async Task Dimensions_option_truncates_the_native_vector_and_renormalises()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var client = FakeClients.OpenAi(server).GetEmbeddingClient(FakeOpenAiServer.LargeEmbeddingModel);

        OpenAIEmbedding full = await client.GenerateEmbeddingAsync("shipping times");
        OpenAIEmbedding small = await client.GenerateEmbeddingAsync("shipping times", new EmbeddingGenerationOptions { Dimensions = 8 });

        Assert.Equal(8, small.ToFloats().Length);
        Assert.Equal(1f, TensorPrimitives.Norm(small.ToFloats().Span), 4);
        Assert.Equal(1f, TensorPrimitives.CosineSimilarity(full.ToFloats().Span[..8], small.ToFloats().Span), 4);
        Assert.Equal(8, server.EmbeddingRequests[1].Dimensions);
    }

    [Fact]
    public async Task Unknown_model_is_404_model_not_found()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var client = FakeClients.OpenAi(server).GetEmbeddingClient("text-embedding-unknown");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.GenerateEmbeddingAsync("x"));

        Assert.Equal(404, error.Status);
        Assert.Contains("model_not_found", error.Message);
    }

    [Fact]
    public async Task More_than_2048_inputs_in_one_request_is_400()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var client = FakeClients.OpenAi(server).GetEmbeddingClient(FakeOpenAiServer.SmallEmbeddingModel);
        OpenAIEmbeddingCollection atLimit = await client.GenerateEmbeddingsAsync(Enumerable.Range(0, 2048).Select(i => $"chunk {i}"));

        var error = await Assert.ThrowsAsync<ClientResultException>(() =>
            client.GenerateEmbeddingsAsync(Enumerable.Range(0, 2049).Select(i => $"chunk {i}")));

        Assert.Equal(2048, atLimit.Count);
        Assert.Equal(400, error.Status);
    }
}
