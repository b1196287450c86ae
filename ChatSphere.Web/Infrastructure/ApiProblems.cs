namespace ChatSphere.Web.Infrastructure;

/// <summary>
/// A human sentence for problem details written without one: the API's bare 401s (JWT bearer's challenge), 404s
/// (another owner's resource looks exactly like a missing one), 405s and 413s, turned into problem+json by status code pages;
/// validation problems get their messages.
/// </summary>
public static class ApiProblems
{
    public static void AddDetail(ProblemDetailsContext context) =>
        context.ProblemDetails.Detail ??= context.ProblemDetails switch
        {
            // ValidationProblem: its messages, already one sentence each.
            HttpValidationProblemDetails { Errors.Count: > 0 } invalid => string.Join(" ", invalid.Errors.SelectMany(e => e.Value)),
            _ => DetailOf(context.ProblemDetails.Status, context.HttpContext),
        };

    private static string? DetailOf(int? status, HttpContext http) =>
        status switch
        {
            StatusCodes.Status400BadRequest => "The request could not be read: check its JSON body and parameters.",
            StatusCodes.Status401Unauthorized =>
                "Send Authorization: Bearer with a token from POST /api/v1/auth/token or an API key from your account page.",
            StatusCodes.Status403Forbidden => "You may not do this.",
            StatusCodes.Status404NotFound => "There is nothing here, or it is not yours.",
            StatusCodes.Status405MethodNotAllowed => "This route does not take that method.",
            // Kestrel stopped a chunked upload at the route's limit while the handler read it.
            StatusCodes.Status413PayloadTooLarge => RequestBodyLimitMiddleware.LimitOf(http) is { } limit
                ? BodyLimits.Describe(limit)
                : "The request body is too large.",
            _ => null,
        };
}
