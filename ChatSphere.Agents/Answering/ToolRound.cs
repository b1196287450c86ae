using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace ChatSphere.Agents.Answering;

/// <summary>
/// One round of the tools the model asked for, run by ChatSphere rather than by SK's auto-invocation, so that the turn
/// decides how many rounds there are (SK's own limit is 128, not configurable).
/// </summary>
internal static class ToolRound
{
    /// <summary>Adds the model's calls (with any text it said first) and each call's result to <paramref name="history"/>.</summary>
    public static async Task RunAsync(
        ChatHistory history, string? text, IReadOnlyList<FunctionCallContent> calls, Kernel kernel, ILogger logger, CancellationToken cancellationToken)
    {
        var request = new ChatMessageContent(AuthorRole.Assistant, string.IsNullOrEmpty(text) ? null : text);
        foreach (var call in calls)
        {
            request.Items.Add(call);
        }

        history.Add(request);
        // Every call gets a result, as OpenAI requires; a failed one tells the model so, as SK's auto-invocation does.
        foreach (var call in calls)
        {
            FunctionResultContent result;
            try
            {
                result = call.Exception is null
                    ? await call.InvokeAsync(kernel, cancellationToken)
                    : new FunctionResultContent(call, "Error: the arguments were not valid JSON.");
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Tool call {Function} failed", call.FunctionName);
                result = new FunctionResultContent(call, $"Error: {call.FunctionName} could not be run.");
            }

            history.Add(result.ToChatMessage());
        }
    }
}
