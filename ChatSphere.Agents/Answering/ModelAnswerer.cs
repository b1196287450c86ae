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
        var service = kernel.GetRequiredService<IChatCompletionService>();

        var reply = new StringBuilder();
        (int? Input, int? Output) usage = (null, null);
        ChatFailed? failure = null;
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var idleTimeout = TimeSpan.FromSeconds(options.Value.StreamIdleTimeoutSeconds);
        // Re-arming the timer takes a lock on the shared timer queue; doing it on every token of hundreds of streams
        // showed up in profiles. It is re-armed once a tenth of the timeout has passed, for 1.1 timeouts, so it fires
        // 1 to 1.1 timeouts after the model's last sign of life, never before.
        var rearmAfter = idleTimeout / 10;
        // A call is complete when the model says why it stopped (finish_reason) after its last text. A stream that just
        // ends without one was cut off (a proxy timing out, a crashed server, a body that was no stream at all).
        var finished = false;
        for (var round = 0; ; round++)
        {
            // Up to the cap the model may search again; then it is asked with tools it may not call, so it answers from
            // what it has found (as LangChain's "generate" early stop does) rather than the turn ending without an answer.
            var mayCallTools = round < options.Value.MaxToolRounds;
            var calls = new FunctionCallContentBuilder();
            var said = reply.Length;
            finished = false;
            idle.CancelAfter(idleTimeout + rearmAfter);
            var armedAt = Stopwatch.GetTimestamp();
            var stream = service.GetStreamingChatMessageContentsAsync(history, Settings(bot, mayCallTools), kernel, idle.Token)
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

                    // Each model call reports its usage once, at its end: the turn spent the sum of its calls.
                    if (update.Metadata?.TryGetValue("Usage", out var value) == true && value is OpenAI.Chat.ChatTokenUsage tokens)
                    {
                        usage = ((usage.Input ?? 0) + tokens.InputTokenCount, (usage.Output ?? 0) + tokens.OutputTokenCount);
                    }

                    calls.Append(update);
                    // Read once: SK's Content walks the update's items (a LINQ iterator) on every get.
                    var content = update.Content;
                    finished = update is OpenAIStreamingChatMessageContent { FinishReason: not null } || (finished && string.IsNullOrEmpty(content));
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

            var requested = calls.Build();
            if (failure is not null || requested.Count == 0 || !mayCallTools)
            {
                break;
            }

            // The model is not being waited for while its searches run: the idle timer rests until the next call.
            idle.CancelAfter(Timeout.InfiniteTimeSpan);
            await ToolRound.RunAsync(history, reply.ToString(said, reply.Length - said), requested, kernel, logger, cancellationToken);
        }

        if (failure is null && !finished)
        {
            logger.LogWarning("The model's stream ended without a finish reason after {Characters} characters", reply.Length);
            failure = ModelFailure.Truncated;
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

    /// <summary>The bot's sampling settings; the bot's tools offered to call (run by <see cref="ToolRound"/>), or shown but not callable.</summary>
    private OpenAIPromptExecutionSettings Settings(Core.Domain.Bot bot, bool mayCallTools) => new()
    {
        FunctionChoiceBehavior = mayCallTools ? FunctionChoiceBehavior.Auto(autoInvoke: false) : FunctionChoiceBehavior.None(),
        Temperature = bot.Temperature,
        // A bot saved before the site's maximum was lowered is held to it too.
        MaxTokens = Math.Min(bot.MaxAnswerTokens, options.Value.MaxAnswerTokens),
    };
}
