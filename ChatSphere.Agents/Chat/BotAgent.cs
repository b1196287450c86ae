using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using ChatSphere.Agents.Answering;
using ChatSphere.Agents.Models;
using ChatSphere.Agents.Retrieval;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Ingestion.Chunking;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace ChatSphere.Agents.Chat;

/// <summary>
/// A bot answering one turn. It searches before the first model call and puts the passages in context, so answers
/// are grounded even when the model calls no tool; the model may search again through the bot's own plugin. A
/// Kernel is built per request. With no model key, the offline answerer quotes the best sentences instead.
/// </summary>
public sealed partial class BotAgent(
    KnowledgeSearch search,
    KernelServices kernels,
    ExtractiveAnswerer answerer,
    IOptions<ModelOptions> options,
    ILogger<BotAgent> logger)
{
    /// <summary>Tokens of earlier messages kept in the prompt; older ones are dropped by SK's truncation reducer.</summary>
    private const int HistoryTokenBudget = 3000;

    public async IAsyncEnumerable<ChatUpdate> RunAsync(ChatTurn turn, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var bot = turn.Bot;
        var sources = new TurnSources();
        var timings = new Dictionary<string, double>();
        var found = sources.Add(await search.SearchAsync(bot, turn.Message, bot.RetrievalTop, cancellationToken));
        var offline = options.Value.Mode == ModelMode.Offline;

        // Grounded-only and nothing relevant: the owner's "I don't know", and no model is asked.
        if (found.Count == 0 && (bot.GroundedOnly || offline))
        {
            yield return new ChatDelta(bot.FallbackMessage);
            yield return new ChatCompleted(bot.FallbackMessage, [], null, null, offline);
            yield break;
        }

        var updates = offline ? AnswerOffline(turn, found, sources) : AnswerWithModelAsync(turn, found, sources, timings, cancellationToken);
        await foreach (var update in updates.WithCancellation(cancellationToken))
        {
            yield return update is ChatCompleted done ? done with { Timings = timings } : update;
        }
    }

    private IAsyncEnumerable<ChatUpdate> AnswerOffline(ChatTurn turn, IReadOnlyList<(int Marker, SearchHit Hit)> found, TurnSources sources)
    {
        var answer = answerer.Answer(turn.Message, found.Select(f => new AnswerSource(f.Marker, f.Hit.ChunkId, f.Hit.DocumentName, f.Hit.Text)).ToList());
        var reply = answer.IsEmpty ? turn.Bot.FallbackMessage : answer.Text;
        var citations = answer.IsEmpty ? [] : sources.CitationsFor(answer.CitedMarkers);
        // Streamed word by word like a model's answer, so every client handles one shape.
        IEnumerable<ChatUpdate> Updates()
        {
            foreach (Match word in Words().Matches(reply))
            {
                yield return new ChatDelta(word.Value);
            }

            yield return new ChatCompleted(reply, citations, null, null, Offline: true);
        }

        return Updates().ToAsyncEnumerable();
    }

    private async IAsyncEnumerable<ChatUpdate> AnswerWithModelAsync(
        ChatTurn turn, IReadOnlyList<(int Marker, SearchHit Hit)> found, TurnSources sources, Dictionary<string, double> timings,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var bot = turn.Bot;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var kernel = kernels.KernelFor(bot.ChatModel ?? options.Value.ChatModel, new KnowledgeTurn(search, bot, sources));
        var history = await BuildHistoryAsync(turn, found, cancellationToken);
        timings["promptMs"] = clock.Elapsed.TotalMilliseconds;
        var settings = new OpenAIPromptExecutionSettings
        {
            FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(),
            Temperature = bot.Temperature,
            MaxTokens = bot.MaxAnswerTokens,
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
        var armedAt = System.Diagnostics.Stopwatch.GetTimestamp();
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
                    failure = Failure(ex, idle.IsCancellationRequested, idleTimeout);
                    break;
                }

                if (System.Diagnostics.Stopwatch.GetElapsedTime(armedAt) > rearmAfter)
                {
                    idle.CancelAfter(idleTimeout + rearmAfter);
                    armedAt = System.Diagnostics.Stopwatch.GetTimestamp();
                }

                if (update.Metadata?.TryGetValue("Usage", out var value) == true && value is OpenAI.Chat.ChatTokenUsage tokens)
                {
                    usage = (tokens.InputTokenCount, tokens.OutputTokenCount);
                }

                // Read once: SK's Content walks the update's items (a LINQ iterator) on every get.
                var content = update.Content;
                if (!string.IsNullOrEmpty(content))
                {
                    timings.TryAdd("firstTokenMs", clock.Elapsed.TotalMilliseconds - timings["promptMs"]);
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
            yield return failure;
            yield break;
        }

        var text = reply.ToString();
        var markers = Markers().Matches(text).Select(m => int.Parse(m.Groups[1].Value));
        yield return new ChatCompleted(text, sources.CitationsFor(markers), usage.Input, usage.Output, Offline: false);
    }

    private static async Task<ChatHistory> BuildHistoryAsync(ChatTurn turn, IReadOnlyList<(int Marker, SearchHit Hit)> found, CancellationToken cancellationToken)
    {
        var bot = turn.Bot;
        var system = new StringBuilder(HouseRules.Prompt);
        if (bot.GroundedOnly)
        {
            system.Append('\n').Append(HouseRules.GroundedOnly).Append(bot.FallbackMessage);
        }

        if (!string.IsNullOrWhiteSpace(bot.Instructions))
        {
            system.Append("\n\nThe owner's instructions:\n").Append(bot.Instructions);
        }

        var history = new ChatHistory();
        foreach (var (role, content) in turn.History)
        {
            history.Add(new ChatMessageContent(role == MessageRole.User ? AuthorRole.User : AuthorRole.Assistant, content));
        }

        // Keep the newest messages that fit the budget (SK's reducer keeps user/assistant pairs together).
        var kept = 0;
        var tokens = 0;
        for (var i = history.Count - 1; i >= 0 && (tokens += TokenCounter.Shared.Count(history[i].Content ?? "")) <= HistoryTokenBudget; i--)
        {
            kept++;
        }

#pragma warning disable SKEXP0001 // The reducers are marked experimental.
        var reduced = kept < history.Count
            ? await new ChatHistoryTruncationReducer(Math.Max(kept, 1)).ReduceAsync(history, cancellationToken) ?? history
            : history;
#pragma warning restore SKEXP0001

        var prompt = new ChatHistory(system.ToString());
        prompt.AddRange(reduced.Where(m => m.Role != AuthorRole.System));
        prompt.AddUserMessage(found.Count == 0
            ? turn.Message
            : $"Passages from the documents:\n\n{TurnSources.Format(found)}\n\nQuestion: {turn.Message}");
        return prompt;
    }

    private ChatFailed Failure(Exception ex, bool idle, TimeSpan idleTimeout)
    {
        logger.LogWarning(ex, "Model call failed");
        var status = ex switch
        {
            HttpOperationException http => (int?)http.StatusCode,
            System.ClientModel.ClientResultException client => client.Status,
            _ => null,
        };
        return (idle, status) switch
        {
            (true, _) or (_, 408) => new ChatFailed("timeout", $"The model did not answer within {idleTimeout.TotalSeconds:0} seconds.", true),
            (_, 429) => new ChatFailed("rate_limited", "The model is busy (rate limited). Please try again in a moment.", true),
            (_, 401 or 403) => new ChatFailed("model_auth", "The model endpoint refused ChatSphere's key.", false),
            (_, >= 500) => new ChatFailed("model_unavailable", "The model is not answering right now. Please try again.", true),
            _ => new ChatFailed("model_error", "The answer could not be produced.", true),
        };
    }

    [GeneratedRegex(@"\S+\s*")]
    private static partial Regex Words();

    [GeneratedRegex(@"\[(\d{1,3})\]")]
    private static partial Regex Markers();
}
