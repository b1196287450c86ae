using System.Diagnostics;
using ChatSphere.Agents.Retrieval;
using ChatSphere.Core.Domain;
using Microsoft.SemanticKernel;

namespace ChatSphere.Agents.Chat;

/// <summary>
/// What the knowledge plugin searches in one turn: this bot, with this request's search, numbering its sources; the
/// searches the model asks for belong to <paramref name="Span"/> (the model call's span, when traced).
/// </summary>
public sealed record KnowledgeTurn(KnowledgeSearch Search, Bot Bot, TurnSources Sources, Activity? Span = null)
{
    private const string Key = "chatsphere.knowledge";

    public void AttachTo(Kernel kernel) => kernel.Data[Key] = this;

    public static KnowledgeTurn Of(Kernel kernel) =>
        kernel.Data.TryGetValue(Key, out var turn) && turn is KnowledgeTurn found
            ? found
            : throw new InvalidOperationException("This Kernel was not made for a bot's turn: it has no bot to search.");
}
