using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatSphere.Testing.FakeOpenAi;

/// <summary><c>POST /v1/embeddings</c>, with OpenAI's validation and both encodings.</summary>
internal sealed class EmbeddingsEndpoint(ConcurrentDictionary<string, int> models, Func<TimeSpan> delay, Func<FakeEmbeddingFault> fault)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (delay() is { Ticks: > 0 } wait)
        {
            await Task.Delay(wait, context.RequestAborted);
        }

        if (FakeOpenAiServer.Recorded(context).Json is not { } json || FakeEmbeddingRequest.TryParse(json) is not { } request)
        {
            await OpenAiErrors.BadRequestAsync(context, "We could not parse the JSON body of your request: it needs 'model' and 'input'.");
            return;
        }

        if (!models.TryGetValue(request.Model, out var nativeDimensions))
        {
            var message = $"The model `{request.Model}` does not exist or you do not have access to it.";
            await OpenAiErrors.WriteAsync(context, new FakeErrorReply(StatusCodes.Status404NotFound, "model_not_found", message, null));
            return;
        }

        if (Problem(request, nativeDimensions) is { } problem)
        {
            await OpenAiErrors.BadRequestAsync(context, problem.Message, problem.Param);
            return;
        }

        var broken = fault();
        if (broken == FakeEmbeddingFault.NotJson)
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body>Service temporarily overloaded</body></html>", context.RequestAborted);
            return;
        }

        var dimensions = request.Dimensions ?? nativeDimensions;
        var data = request.Inputs!.Select((text, index) => (JsonNode)new JsonObject
        {
            ["object"] = "embedding",
            ["index"] = index,
            // Each vector one dimension longer than the one before: no two alike, none of the model's size but the first.
            ["embedding"] = Encode(
                FakeEmbedder.Embed(text, broken == FakeEmbeddingFault.WrongDimensions ? dimensions + index : dimensions), request.EncodingFormat),
        });
        var tokens = request.Inputs!.Sum(TokenEstimate.Of);
        await OpenAiJson.WriteAsync(context, new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray([.. data]),
            ["model"] = request.Model,
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        });
    }

    private static (string Message, string Param)? Problem(FakeEmbeddingRequest request, int nativeDimensions) => request switch
    {
        { Inputs: null } => ("'input' must be a string or an array of strings; this fake does not take token arrays.", "input"),
        { Inputs.Count: 0 } => ("'input' must not be empty.", "input"),
        { Inputs.Count: > FakeOpenAiServer.MaxEmbeddingInputs } =>
            ($"'input' has {request.Inputs.Count} items; the maximum is {FakeOpenAiServer.MaxEmbeddingInputs}.", "input"),
        _ when request.Inputs.Any(i => i.Length == 0) => ("'$.input' is invalid: an input is an empty string.", "input"),
        { Dimensions: { } d } when d < 1 || d > nativeDimensions =>
            ($"'dimensions' must be between 1 and {nativeDimensions} for {request.Model}.", "dimensions"),
        { EncodingFormat: not ("float" or "base64") } => ("'encoding_format' must be 'float' or 'base64'.", "encoding_format"),
        _ => null,
    };

    // base64 is little-endian float32 bytes, what the OpenAI .NET SDK asks for by default.
    private static JsonNode Encode(float[] vector, string format)
    {
        if (format == "float")
        {
            return new JsonArray([.. vector.Select(v => (JsonNode)v)]);
        }

        var bytes = new byte[vector.Length * sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        }

        return Convert.ToBase64String(bytes);
    }
}
