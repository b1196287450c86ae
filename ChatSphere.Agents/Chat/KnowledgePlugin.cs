using System.ComponentModel;
using ChatSphere.Agents.Retrieval;
using ChatSphere.Core.Domain;
using Microsoft.SemanticKernel;

namespace ChatSphere.Agents.Chat;

/// <summary>
/// The one tool a bot's model gets: search this bot's documents. The bot is fixed when the plugin is built,
/// never a parameter the model could set.
/// </summary>
public sealed class KnowledgePlugin(KnowledgeSearch search, Bot bot, TurnSources sources)
{
    [KernelFunction("search_documents")]
    [Description("Searches the documents this assistant answers from. Returns numbered passages to cite as [n].")]
    public async Task<string> SearchAsync(
        [Description("What to look for, in a few words or a question.")] string query,
        CancellationToken cancellationToken = default)
    {
        var hits = await search.SearchAsync(bot, query, bot.RetrievalTop, cancellationToken);
        return hits.Count == 0 ? "No passages found." : TurnSources.Format(sources.Add(hits));
    }
}
