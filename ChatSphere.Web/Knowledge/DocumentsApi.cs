using ChatSphere.Core.Data;
using ChatSphere.Core.Ingestion;
using ChatSphere.Core.Ingestion.Extraction;
using ChatSphere.Core.Languages;
using ChatSphere.Core.Quotas;
using ChatSphere.Web.Bots;
using ChatSphere.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.Web.Knowledge;

public static class DocumentsApi
{
    /// <summary>A bot's documents, on <see cref="BotGroup.MapBotGroup"/>.</summary>
    public static RouteGroupBuilder MapDocumentsApi(this RouteGroupBuilder bot)
    {
        var group = bot.MapGroup("/documents").WithTags("Documents");
        group.MapPost("/", UploadAsync)
            .DisableAntiforgery()
            .WithMetadata(new UploadBodyLimit(Files: 1))
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("Upload a document (multipart field 'file'); it is ingested in the background. The same file again answers 200.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/", ListAsync).WithSummary("The bot's documents with their ingestion state.");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("One document.");
        group.MapPatch("/{id:guid}", UpdateAsync)
            .WithSummary("Set the document's language ('language': an ISO 639-1 code, or \"\" or null to detect it); it is indexed again.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Delete a document and its chunks.");
        group.MapPost("/{id:guid}/reindex", ReindexAsync).WithSummary("Extract, chunk and embed the document again.");
        return bot;
    }

    public static async Task<Results<Accepted<DocumentResponse>, Ok<DocumentResponse>, ProblemHttpResult>> UploadAsync(
        Guid botId, IFormFileCollection files, HttpContext http, DocumentService documents)
    {
        if (files.GetFile("file") is not { } file)
        {
            return TypedResults.Problem("Send the document as the multipart form field 'file'.", statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            await using var stream = file.OpenReadStream();
            var result = await documents.UploadAsync(botId, file.FileName, file.ContentType, stream, http.RequestAborted);
            var body = DocumentResponse.From(result.Document);
            return result.Duplicate
                ? TypedResults.Ok(body)
                : TypedResults.Accepted($"/api/v1/bots/{botId}/documents/{body.Id}", body);
        }
        catch (DocumentTooLargeException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large");
        }
        catch (QuotaExceededException ex)
        {
            return QuotaProblems.Of(http, ex.Refusal);
        }
        catch (UnsupportedDocumentException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported file");
        }
    }

    public static async Task<Ok<List<DocumentResponse>>> ListAsync(Guid botId, HttpContext http, AppDbContext db)
    {
        var list = await db.Documents.AsNoTracking().Where(d => d.BotId == botId).OrderByDescending(d => d.CreatedAt)
            .ToListAsync(http.RequestAborted);
        return TypedResults.Ok(list.Select(DocumentResponse.From).ToList());
    }

    public static async Task<Results<Ok<DocumentResponse>, NotFound>> GetAsync(
        Guid botId, Guid id, HttpContext http, AppDbContext db)
    {
        var document = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.BotId == botId, http.RequestAborted);
        return document is null ? TypedResults.NotFound() : TypedResults.Ok(DocumentResponse.From(document));
    }

    public static async Task<Results<Accepted<DocumentResponse>, NotFound, ProblemHttpResult>> UpdateAsync(
        Guid botId, Guid id, DocumentUpdate update, HttpContext http, DocumentService documents, AppDbContext db)
    {
        var language = string.IsNullOrWhiteSpace(update.Language) ? null : update.Language.Trim();
        if (language is not null && !KnownLanguages.IsKnown(language))
        {
            return TypedResults.Problem(KnownLanguages.Unknown(language), statusCode: StatusCodes.Status400BadRequest, title: "Unknown language");
        }

        if (!await documents.SetLanguageAsync(botId, id, language, http.RequestAborted))
        {
            return TypedResults.NotFound();
        }

        var document = await db.Documents.AsNoTracking().FirstAsync(d => d.Id == id, http.RequestAborted);
        return TypedResults.Accepted($"/api/v1/bots/{botId}/documents/{id}", DocumentResponse.From(document));
    }

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(
        Guid botId, Guid id, HttpContext http, DocumentService documents) =>
        await documents.DeleteAsync(botId, id, http.RequestAborted)
            ? TypedResults.NoContent()
            : TypedResults.NotFound();

    public static async Task<Results<Accepted, NotFound>> ReindexAsync(
        Guid botId, Guid id, HttpContext http, DocumentService documents) =>
        await documents.ReindexAsync(botId, id, http.RequestAborted)
            ? TypedResults.Accepted($"/api/v1/bots/{botId}/documents/{id}")
            : TypedResults.NotFound();
}
