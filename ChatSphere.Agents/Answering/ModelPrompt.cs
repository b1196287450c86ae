using System.Text;
using ChatSphere.Agents.Chat;
using ChatSphere.Agents.Retrieval;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Ingestion.Chunking;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace ChatSphere.Agents.Answering;

/// <summary>What the model is sent: house rules and the owner's instructions, the newest history, the passages and the question.</summary>
internal static class ModelPrompt
{
    /// <summary>Tokens of earlier messages kept in the prompt; older ones are dropped by SK's truncation reducer.</summary>
    internal const int HistoryTokenBudget = 3000;

    public static async Task<ChatHistory> BuildAsync(ChatTurn turn, IReadOnlyList<(int Marker, SearchHit Hit)> found, CancellationToken cancellationToken)
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
}
