using ChatSphere.Core.Domain;
using ChatSphere.Core.Ingestion.Chunking;
using ChatSphere.Core.Languages;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Pgvector;

namespace ChatSphere.Core.Ingestion;

/// <summary>The embed step: batches within the API's limits (inputs and tokens per request), in order, with progress.</summary>
public sealed class ChunkEmbedder(IEmbeddingModels models, IOptions<IngestionOptions> options)
{
    /// <summary>The model a bot's new chunks are embedded with: the one its queries use now.</summary>
    public string ModelFor(Bot bot) => bot.ActiveEmbeddingModel ?? TargetModelFor(bot);

    /// <summary>The model a bot should be on: its owner's choice, else the configured default.</summary>
    public string TargetModelFor(Bot bot) => TargetModelFor(bot.EmbeddingModel);

    /// <summary>The model an owner's choice (null: none) stands for.</summary>
    public string TargetModelFor(string? chosen) => chosen ?? models.DefaultModel;

    /// <summary>What gets embedded: the chunk's place in the document, then its text.</summary>
    public static string EmbeddingText(string headingPath, string text) => $"{headingPath}\n\n{text}";

    /// <param name="headingPaths">Each chunk's full heading path (<see cref="HeadingPaths.Join"/>), in the chunks' order.</param>
    /// <param name="language">The document's language (ISO 639-1), handed to the model as <see cref="LanguageOption.Key"/>.</param>
    public async Task<IReadOnlyList<Vector>> EmbedAsync(
        string model, IReadOnlyList<TextChunk> chunks, IReadOnlyList<string> headingPaths, string? language, Func<int, Task> progress,
        CancellationToken cancellationToken)
    {
        var inputs = chunks.Select((c, i) => (Text: EmbeddingText(headingPaths[i], c.Text), c.TokenCount)).ToList();
        return await EmbedAsync(model, inputs, language, progress, cancellationToken);
    }

    public async Task<IReadOnlyList<Vector>> EmbedAsync(
        string model, IReadOnlyList<(string Text, int Tokens)> inputs, string? language, Func<int, Task> progress, CancellationToken cancellationToken)
    {
        var generator = models.Get(model);
        var options = LanguageOption.For(language);
        var vectors = new List<Vector>(inputs.Count);
        foreach (var batch in Batches(inputs))
        {
            var embedded = EmbeddingCheck.Vectors(await GenerateAsync(generator, model, batch, options, cancellationToken), batch.Count);
            if (vectors.Count > 0 && embedded[0].Memory.Length != vectors[0].Memory.Length)
            {
                throw new EmbeddingFailedException(
                    $"The embedding model returned vectors of {vectors[0].Memory.Length} and then of {embedded[0].Memory.Length} dimensions.");
            }

            vectors.AddRange(embedded);
            await progress(vectors.Count);
        }

        return vectors;
    }

    /// <summary>One request; an endpoint that fails or answers what is no embedding becomes a reason the owner can read.</summary>
    private static async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEmbeddingGenerator<string, Embedding<float>> generator, string model, List<string> batch, EmbeddingGenerationOptions? options,
        CancellationToken cancellationToken)
    {
        try
        {
            return await generator.GenerateAsync(batch, options, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new EmbeddingFailedException($"The embedding model {model} failed: {ex.Message}", ex);
        }
    }

    private IEnumerable<List<string>> Batches(IReadOnlyList<(string Text, int Tokens)> inputs)
    {
        var batch = new List<string>();
        var tokens = 0;
        foreach (var (text, count) in inputs)
        {
            // The heading line adds to the chunk's own count; three characters a token errs on the safe side.
            var estimate = Math.Max(count, text.Length / 3);
            if (batch.Count > 0 && (batch.Count >= options.Value.EmbeddingBatchSize || tokens + estimate > options.Value.EmbeddingBatchTokens))
            {
                yield return batch;
                (batch, tokens) = ([], 0);
            }

            batch.Add(text);
            tokens += estimate;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }
}
