namespace ChatSphere.Web.Infrastructure;

/// <summary>
/// Marks an upload route: its body may hold <paramref name="Files"/> documents of <c>Ingestion:MaxUploadBytes</c> each
/// plus the form's framing. On a page, only for the named handler (<c>?handler=Upload</c>); its other handlers are forms.
/// </summary>
public sealed record UploadBodyLimit(int Files, string? PageHandler = null)
{
    public long BytesFor(long maxUploadBytes) => Files * maxUploadBytes + BodyLimits.FormOverhead;

    public bool AppliesTo(HttpRequest request) =>
        PageHandler is null ||
        string.Equals(request.RouteValues["handler"] as string ?? request.Query["handler"], PageHandler, StringComparison.OrdinalIgnoreCase);
}
