using System.Numerics.Tensors;
using ChatSphere.Agents.Embeddings;
using Microsoft.Extensions.AI;

namespace ChatSphere.UnitTests.Embeddings;

/// <summary>These run the real model (from the package's assembly, loaded once for the process): few and short.</summary>
public sealed class ArcticEmbeddingGeneratorTests
{
    private const string Refunds =
        "Returns\n\nWe pay back the full price of any item sent back within 30 days, to the card you paid with.";

    private const string Shipping = "Orders leave our warehouse within two working days and travel by courier.";

    private const string Volcano = "Mount Etna is an active stratovolcano on the east coast of Sicily.";

    private readonly ArcticEmbeddingGenerator _generator = new();

    [Fact]
    public async Task Vectors_have_384_unit_length_dimensions_and_name_the_model()
    {
        var embeddings = await _generator.GenerateAsync([Refunds, "", "x"]);

        Assert.All(embeddings, e => Assert.Equal(384, e.Vector.Length));
        Assert.All(embeddings, e => Assert.Equal(1.0, Math.Sqrt(TensorPrimitives.Dot(e.Vector.Span, e.Vector.Span)), precision: 4));
        Assert.All(embeddings, e => Assert.Equal(ArcticEmbeddingGenerator.ModelId, e.ModelId));
        var metadata = _generator.GetService<EmbeddingGeneratorMetadata>();
        Assert.Equal((ArcticEmbeddingGenerator.ModelId, 384), (metadata!.DefaultModelId, metadata.DefaultModelDimensions));
    }

    [Fact]
    public async Task A_batch_gives_each_text_the_vector_it_gets_alone_in_the_same_order()
    {
        string[] texts = [Volcano, Refunds, string.Join(' ', Enumerable.Repeat(Shipping, 40)), Shipping, Volcano];

        var batch = await _generator.GenerateAsync(texts);

        Assert.Equal(texts.Length, batch.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            var alone = await _generator.GenerateVectorAsync(texts[i]);
            Assert.True(TensorPrimitives.CosineSimilarity(alone.Span, batch[i].Vector.Span) > 0.9999, $"text {i}");
        }

        Assert.Equal(batch[0].Vector.ToArray(), batch[4].Vector.ToArray());
    }

    [Fact]
    public async Task A_question_is_closest_to_the_passage_that_answers_it_in_other_words()
    {
        var question = await _generator.GenerateVectorAsync("How do I get my money back?", EmbeddingPurpose.ForQuery());
        var passages = await _generator.GenerateAsync([Shipping, Refunds, Volcano]);

        var similarities = passages.Select(p => TensorPrimitives.Dot(question.Span, p.Vector.Span)).ToList();

        Assert.Equal(1, similarities.IndexOf(similarities.Max()));
        Assert.True(similarities[1] - similarities[2] > 0.1, string.Join(", ", similarities));
    }

    [Fact]
    public async Task A_query_is_embedded_with_the_models_query_prefix()
    {
        var query = await _generator.GenerateVectorAsync("store hours", EmbeddingPurpose.ForQuery());
        var prefixed = await _generator.GenerateVectorAsync(ArcticEmbeddingGenerator.QueryPrefix + "store hours");
        var passage = await _generator.GenerateVectorAsync("store hours");

        Assert.Equal(prefixed.ToArray(), query.ToArray());
        Assert.NotEqual(passage.ToArray(), query.ToArray());
    }

    [Fact]
    public async Task Other_dimensions_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _generator.GenerateAsync(["a"], new EmbeddingGenerationOptions { Dimensions = 256 }));
    }

    [Fact]
    public void Runs_group_inputs_by_length_and_pad_within_the_token_budget()
    {
        long[][] tokens = [new long[500], new long[10], new long[300], new long[12], .. Enumerable.Repeat(new long[20], 300)];

        var runs = ArcticEmbeddingGenerator.Runs(tokens).ToList();

        Assert.Equal(Enumerable.Range(0, tokens.Length), runs.SelectMany(r => r).Order());
        Assert.All(runs, r => Assert.True(r.Count * r.Max(i => tokens[i].Length) <= ArcticEmbeddingGenerator.RunTokens));
        Assert.Equal([1, 3], runs[0].Take(2));
        Assert.Equal([2, 0], runs[^1]);
    }
}
