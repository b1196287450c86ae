using System.ComponentModel;
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
        var hits = await turn.Search.SearchAsync(turn.Bot, query, turn.Bot.RetrievalTop, cancellationToken);
        return hits.Count == 0 ? "No passages found." : TurnSources.Format(turn.Sources.Add(hits));
    }
}

/// <summary>What the knowledge plugin searches in one turn: this bot, with this request's search, numbering its sources.</summary>
public sealed record KnowledgeTurn(KnowledgeSearch Search, Bot Bot, TurnSources Sources)
{
    private const string Key = "chatsphere.knowledge";

    public void AttachTo(Kernel kernel) => kernel.Data[Key] = this;

    public static KnowledgeTurn Of(Kernel kernel) =>
        kernel.Data.TryGetValue(Key, out var turn) && turn is KnowledgeTurn found
            ? found
            : throw new InvalidOperationException("This Kernel was not made for a bot's turn: it has no bot to search.");
}
