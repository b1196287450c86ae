using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using ChatSphere.Agents.Chat;
using ChatSphere.Agents.Models;
using ChatSphere.Agents.Retrieval;
using ChatSphere.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace ChatSphere.Agents.Answering;

/// <summary>
/// The answerer with an OpenAI-compatible model. The passages found before the call are in its prompt, so answers are
/// grounded even when the model calls no tool; the model may search again through the bot's own plugin. A Kernel is
/// built per request.
/// </summary>
public sealed class ModelAnswerer(KnowledgeSearch search, KernelServices kernels, IOptions<ModelOptions> options, ILogger<ModelAnswerer> logger)
    : IBotAnswerer
{
    public string Mode => "model";

    public IAsyncEnumerable<ChatUpdate> AnswerAsync(
        ChatTurn turn, IReadOnlyList<(int Marker, SearchHit Hit)> found, TurnSources sources, CancellationToken cancellationToken) =>
        // Grounded-only and nothing relevant: the owner's "I don't know", and no model is asked.
        found.Count == 0 && turn.Bot.GroundedOnly
            ? FallbackReply.For(turn.Bot, offline: false)
            : StreamAsync(turn, found, sources, cancellationToken);

    private async IAsyncEnumerable<ChatUpdate> StreamAsync(
        ChatTurn turn, IReadOnlyList<(int Marker, SearchHit Hit)> found, TurnSources sources,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var bot = turn.Bot;
        ChatHistory history;
        using (ChatSphereTelemetry.Source.StartActivity(ChatSphereTelemetry.Spans.History))
        {
            history = await ModelPrompt.BuildAsync(turn, found, cancellationToken);
        }

        var chatModel = bot.ChatModel ?? options.Value.ChatModel;
        using var span = ChatSphereTelemetry.Source.StartActivity(ChatSphereTelemetry.Spans.Model);
        span?.SetTag("gen_ai.request.model", chatModel);
        var kernel = kernels.KernelFor(chatModel, new KnowledgeTurn(search, bot, sources, span));
        var settings = new OpenAIPromptExecutionSettings
        {
            FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(),
            Temperature = bot.Temperature,
            // A bot saved before the site's maximum was lowered is held to it too.
            MaxTokens = Math.Min(bot.MaxAnswerTokens, options.Value.MaxAnswerTokens),
        };

        var reply = new StringBuilder();
        (int? Input, int? Output) usage = (null, null);
        ChatFailed? failure = null;
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var idleTimeout = TimeSpan.FromSeconds(options.Value.StreamIdleTimeoutSeconds);
        // Re-arming the timer takes a lock on the shared timer queue; doing it on every token of hundreds of streams
        // showed up in profiles. It is re-armed once a tenth of the timeout has passed, for 1.1 timeouts, so it fires
        // 1 to 1.1 timeouts after the model's last sign of life, never before.
        var rearmAfter = idleTimeout / 10;
        idle.CancelAfter(idleTimeout + rearmAfter);
        var armedAt = Stopwatch.GetTimestamp();
        var stream = kernel.GetRequiredService<IChatCompletionService>()
            .GetStreamingChatMessageContentsAsync(history, settings, kernel, idle.Token)
            .GetAsyncEnumerator(idle.Token);
        try
        {
            while (true)
            {
                StreamingChatMessageContent update;
                try
                {
                    if (!await stream.MoveNextAsync())
                    {
                        break;
                    }

                    update = stream.Current;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Model call failed");
                    failure = ModelFailure.Of(ex, idle.IsCancellationRequested, idleTimeout);
                    break;
                }

                if (Stopwatch.GetElapsedTime(armedAt) > rearmAfter)
                {
                    idle.CancelAfter(idleTimeout + rearmAfter);
                    armedAt = Stopwatch.GetTimestamp();
                }

                if (update.Metadata?.TryGetValue("Usage", out var value) == true && value is OpenAI.Chat.ChatTokenUsage tokens)
                {
                    usage = (tokens.InputTokenCount, tokens.OutputTokenCount);
                }

                // Read once: SK's Content walks the update's items (a LINQ iterator) on every get.
                var content = update.Content;
                if (!string.IsNullOrEmpty(content))
                {
                    if (reply.Length == 0)
                    {
                        span?.AddEvent(new ActivityEvent(ChatSphereTelemetry.Spans.FirstToken));
                    }

                    reply.Append(content);
                    yield return new ChatDelta(content);
                }
            }
        }
        finally
        {
            await stream.DisposeAsync();
        }

        if (failure is not null)
        {
            span?.SetStatus(ActivityStatusCode.Error, failure.Code);
            yield return failure;
            yield break;
        }

        span?.SetTag("gen_ai.usage.input_tokens", usage.Input);
        span?.SetTag("gen_ai.usage.output_tokens", usage.Output);
        var text = reply.ToString();
        yield return new ChatCompleted(text, sources.CitationsIn(text), usage.Input, usage.Output, Offline: false);
    }
}
