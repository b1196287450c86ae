using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.Core.Ingestion;

/// <summary>
/// One ingestion run's hold on a document (<see cref="Document.IngestionRun"/>). The newest run owns the document: every
/// state write checks the token in its WHERE clause, so a run overtaken by another (a second worker, a reindex while
/// it ran) changes nothing, and learns it (<see cref="DocumentRunSupersededException"/>) at its next write.
/// </summary>
public sealed class DocumentRun(AppDbContext db, Guid documentId, Guid token)
{
    public Guid Token => token;

    /// <summary>Takes the document for a new run and counts the attempt; null when the document is gone.</summary>
    public static async Task<DocumentRun?> ClaimAsync(AppDbContext db, Guid documentId, CancellationToken cancellationToken)
    {
        var token = Guid.CreateVersion7();
        var claimed = await db.Documents.Where(d => d.Id == documentId).ExecuteUpdateAsync(d => d
            .SetProperty(x => x.IngestionRun, token)
            .SetProperty(x => x.Attempts, x => x.Attempts + 1), cancellationToken);
        return claimed == 0 ? null : new DocumentRun(db, documentId, token);
    }

    public Task SetStatusAsync(DocumentStatus status, CancellationToken cancellationToken) =>
        Required(Mine().ExecuteUpdateAsync(d => d
            .SetProperty(x => x.Status, status)
            .SetProperty(x => x.UpdatedAt, DateTimeOffset.UtcNow), cancellationToken));

    public Task StartEmbeddingAsync(int chunkCount, CancellationToken cancellationToken) =>
        Required(Mine().ExecuteUpdateAsync(d => d
            .SetProperty(x => x.Status, DocumentStatus.Embedding)
            .SetProperty(x => x.ChunkCount, chunkCount)
            .SetProperty(x => x.ChunksEmbedded, 0)
            .SetProperty(x => x.UpdatedAt, DateTimeOffset.UtcNow), cancellationToken));

    public Task ReportProgressAsync(int embedded) =>
        Required(Mine().ExecuteUpdateAsync(d => d
            .SetProperty(x => x.ChunksEmbedded, embedded)
            .SetProperty(x => x.UpdatedAt, DateTimeOffset.UtcNow)));

    /// <summary>Ends the run without chunks (failed, or queued again with the reason); false when another run owns the document now.</summary>
    public async Task<bool> EndAsync(DocumentStatus status, string error, CancellationToken cancellationToken) =>
        await Mine().ExecuteUpdateAsync(d => d
            .SetProperty(x => x.Status, status)
            .SetProperty(x => x.Error, error)
            .SetProperty(x => x.UpdatedAt, DateTimeOffset.UtcNow), cancellationToken) > 0;

    private IQueryable<Document> Mine() => db.Documents.Where(d => d.Id == documentId && d.IngestionRun == token);

    private static async Task Required(Task<int> write)
    {
        if (await write == 0)
        {
            throw new DocumentRunSupersededException();
        }
    }
}
