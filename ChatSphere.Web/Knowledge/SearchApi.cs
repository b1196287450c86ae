using ChatSphere.Agents.Retrieval;
using ChatSphere.Web.Bots;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatSphere.Web.Knowledge;

public static class SearchApi
{
    /// <summary>Search in a bot's documents, on <see cref="BotGroup.MapBotGroup"/>.</summary>
    public static RouteGroupBuilder MapSearchApi(this RouteGroupBuilder bot)
    {
        bot.MapPost("/search", SearchAsync)
            .WithTags("Search")
            .WithSummary("Hybrid search over the bot's documents: exactly what its agent retrieves with.");
        return bot;
    }

    public static async Task<Results<Ok<SearchResponse>, ValidationProblem>> SearchAsync(
        Guid botId, SearchRequest request, HttpContext http, KnowledgeSearch search)
    {
        var top = request.Top ?? 5;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Query) || request.Query.Length > KnowledgeSearch.MaxQueryLength)
        {
            errors["query"] = [$"Give a query of 1 to {KnowledgeSearch.MaxQueryLength} characters."];
        }

        if (top is < 1 or > KnowledgeSearch.MaxTop)
        {
            errors["top"] = [$"top must be between 1 and {KnowledgeSearch.MaxTop}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var hits = await search.SearchAsync(http.Bot(), request.Query!, top, http.RequestAborted, request.Mode ?? SearchMode.Hybrid);
        return TypedResults.Ok(new SearchResponse(hits.Select(SearchResult.From).ToList()));
    }
}

/// <summary>A search; <c>mode</c> (hybrid, vector or text) defaults to hybrid, which is what the bot uses.</summary>
public sealed record SearchRequest(string? Query, int? Top, SearchMode? Mode = null);

public sealed record SearchResponse(List<SearchResult> Results);

public sealed record SearchResult(
    Guid ChunkId, Guid DocumentId, string DocumentName, string Text, double Score, string HeadingPath, int? Page)
{
    public static SearchResult From(SearchHit hit) =>
        new(hit.ChunkId, hit.DocumentId, hit.DocumentName, hit.Text, Math.Round(hit.Score, 4), hit.HeadingPath, hit.Page);
}
