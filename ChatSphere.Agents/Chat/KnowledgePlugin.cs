using System.ComponentModel;
using System.Diagnostics;
using ChatSphere.Agents.Retrieval;
using ChatSphere.Core.Domain;
using Microsoft.SemanticKernel;

namespace ChatSphere.Agents.Chat;

/// <summary>
/// The one tool a bot's model gets: search this bot's documents. The bot is fixed by ChatSphere when the turn's
/// Kernel is made (<see cref="KnowledgeTurn"/> in <see cref="Kernel.Data"/>), never a parameter the model could set:
/// the model sees only <c>query</c>.
/// </summary>
/// <remarks>
/// The plugin holds no state, so it is built once (SK's reflection and JSON schema work included) and shared by every
/// turn's Kernel, instead of once per answer.
/// </remarks>
public sealed class KnowledgePlugin
{
    public const string Name = "knowledge";

    /// <summary>The plugin every bot's Kernel carries.</summary>
    public static KernelPlugin Shared { get; } = KernelPluginFactory.CreateFromObject(new KnowledgePlugin(), Name);

    [KernelFunction("search_documents")]
    [Description("Searches the documents this assistant answers from. Returns numbered passages to cite as [n].")]
    public async Task<string> SearchAsync(
        Kernel kernel,
        [Description("What to look for, in a few words or a question.")] string query,
        CancellationToken cancellationToken = default)
    {
        var turn = KnowledgeTurn.Of(kernel);
        // SK calls the plugin from a later step of the model's stream, whose context no longer knows the model's span.
        if (turn.Span is { IsStopped: false } span)
        {
            Activity.Current = span;
        }

        var hits = await turn.Search.SearchAsync(turn.Bot, query, turn.Bot.RetrievalTop, cancellationToken);
        return hits.Count == 0 ? "No passages found." : TurnSources.Format(turn.Sources.Add(hits));
    }
}
