using ChatSphere.Agents.Embeddings;
using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatSphere.Agents.Models;

/// <summary>
/// The models owners may choose: the configured defaults always; with a key, the endpoint's listed models, narrowed
/// to the Admin's allow-list once it has entries. A listed model's kind is the allow-list's, else the configuration's
/// (the default chat or embedding model), else <see cref="ModelNames.Guess"/>. ChatSphere's offline embedders are always
/// offered: they spend nothing. With no key, only the offline models.
/// </summary>
public sealed class ModelCatalog(AppDbContext db, EndpointModels endpoint, IOptions<ModelOptions> options)
{
    public async Task<OfferedModels> GetAsync(CancellationToken cancellationToken)
    {
        var config = options.Value;
        if (config.Mode == ModelMode.Offline)
        {
            return new OfferedModels([], OfflineEmbeddingModels.Names, Offline: true);
        }

        List<string> chat = [config.ChatModel], embedding = [config.EmbeddingModel, .. OfflineEmbeddingModels.Names];
        var listed = await endpoint.GetAsync(cancellationToken) ?? [];
        var allowed = await db.AllowedModels.AsNoTracking().ToDictionaryAsync(m => m.Name, m => m.Kind, cancellationToken);
        foreach (var name in listed.Order(StringComparer.Ordinal))
        {
            ModelKind? kind = allowed.TryGetValue(name, out var chosen) ? chosen
                : allowed.Count > 0 ? null
                : name == config.ChatModel ? ModelKind.Chat
                : name == config.EmbeddingModel ? ModelKind.Embedding
                : ModelNames.Guess(name);
            (kind switch { ModelKind.Chat => chat, ModelKind.Embedding => embedding, _ => null })?.Add(name);
        }

        return new OfferedModels([.. chat.Distinct()], [.. embedding.Distinct()], Offline: false);
    }

}
