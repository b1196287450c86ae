using ChatSphere.Core.Domain;

namespace ChatSphere.Agents.Models;

/// <summary>
/// The models an owner may choose for a bot, defaults first. Offline, no chat model is offered (the empty choice is
/// the offline answerer) and the embedding models are ChatSphere's own.
/// </summary>
public sealed record OfferedModels(IReadOnlyList<string> Chat, IReadOnlyList<string> Embedding, bool Offline)
{
    public IReadOnlyList<string> Of(ModelKind kind) => kind == ModelKind.Chat ? Chat : Embedding;
}
