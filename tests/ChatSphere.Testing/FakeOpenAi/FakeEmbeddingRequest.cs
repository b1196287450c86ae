using System.Text.Json;

namespace ChatSphere.Testing.FakeOpenAi;

/// <summary>The parts of a <c>POST /v1/embeddings</c> body that tests ask about.</summary>
/// <param name="Inputs">The input strings; null when <c>input</c> is neither a string nor an array of strings (token arrays).</param>
/// <param name="EncodingFormat"><c>float</c> when absent, as OpenAI defaults.</param>
public sealed record FakeEmbeddingRequest(string Model, IReadOnlyList<string>? Inputs, int? Dimensions, string EncodingFormat, JsonElement Json)
{
    public static FakeEmbeddingRequest? TryParse(JsonElement json)
    {
        if (json.Str("model") is not { } model)
        {
            return null;
        }

        var input = json.Prop("input");
        IReadOnlyList<string>? inputs = input.ValueKind switch
        {
            JsonValueKind.String => [input.GetString()!],
            JsonValueKind.Array when input.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String) =>
                [.. input.EnumerateArray().Select(i => i.GetString()!)],
            _ => null,
        };
        return new FakeEmbeddingRequest(model, inputs, json.Int("dimensions"), json.Str("encoding_format") ?? "float", json);
    }
}
