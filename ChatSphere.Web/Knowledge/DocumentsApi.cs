using ChatSphere.Core.Bots;
using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Ingestion;
using ChatSphere.Core.Ingestion.Extraction;
using ChatSphere.Web.Auth;
using ChatSphere.Web.Knowledge;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.Web.Knowledge;

public static class DocumentsApi
{
    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/bots/{botId:guid}/documents").WithTags("Documents").RequireAuthorization(AuthPolicies.Api);
        group.MapPost("/", UploadAsync)
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("Upload a document (multipart field 'file'); it is ingested in the background. The same file again answers 200.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/", ListAsync).WithSummary("The bot's documents with their ingestion state.");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("One document.");
        group.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Delete a document and its chunks.");
        group.MapPost("/{id:guid}/reindex", ReindexAsync).WithSummary("Extract, chunk and embed the document again.");
        return app;
    }

    public static async Task<Results<Accepted<DocumentResponse>, Ok<DocumentResponse>, NotFound, ProblemHttpResult>> UploadAsync(
        Guid botId, IFormFileCollection files, HttpContext http, BotService bots, DocumentService documents, UserManager<AppUser> users)
    {
        if (await bots.FindAsync(users.GetUserId(http.User)!, botId, http.RequestAborted) is null)
        {
            return TypedResults.NotFound();
        }

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
        catch (UnsupportedDocumentException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported file");
        }
    }

    public static async Task<Results<Ok<List<DocumentResponse>>, NotFound>> ListAsync(
        Guid botId, HttpContext http, BotService bots, AppDbContext db, UserManager<AppUser> users)
    {
        if (await bots.FindAsync(users.GetUserId(http.User)!, botId, http.RequestAborted) is null)
        {
            return TypedResults.NotFound();
        }

        var list = await db.Documents.AsNoTracking().Where(d => d.BotId == botId).OrderByDescending(d => d.CreatedAt)
            .ToListAsync(http.RequestAborted);
        return TypedResults.Ok(list.Select(DocumentResponse.From).ToList());
    }

    public static async Task<Results<Ok<DocumentResponse>, NotFound>> GetAsync(
        Guid botId, Guid id, HttpContext http, AppDbContext db, UserManager<AppUser> users)
    {
        var document = await OwnedDocuments(db, users.GetUserId(http.User)!, botId).FirstOrDefaultAsync(d => d.Id == id, http.RequestAborted);
        return document is null ? TypedResults.NotFound() : TypedResults.Ok(DocumentResponse.From(document));
    }

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(
        Guid botId, Guid id, HttpContext http, BotService bots, DocumentService documents, UserManager<AppUser> users) =>
        await bots.FindAsync(users.GetUserId(http.User)!, botId, http.RequestAborted) is not null
        && await documents.DeleteAsync(botId, id, http.RequestAborted)
            ? TypedResults.NoContent()
            : TypedResults.NotFound();

    public static async Task<Results<Accepted, NotFound>> ReindexAsync(
        Guid botId, Guid id, HttpContext http, BotService bots, DocumentService documents, UserManager<AppUser> users) =>
        await bots.FindAsync(users.GetUserId(http.User)!, botId, http.RequestAborted) is not null
        && await documents.ReindexAsync(botId, id, http.RequestAborted)
            ? TypedResults.Accepted($"/api/v1/bots/{botId}/documents/{id}")
            : TypedResults.NotFound();

    private static IQueryable<Document> OwnedDocuments(AppDbContext db, string ownerId, Guid botId) =>
        db.Documents.AsNoTracking().Where(d => d.BotId == botId && d.Bot!.OwnerId == ownerId);
}
