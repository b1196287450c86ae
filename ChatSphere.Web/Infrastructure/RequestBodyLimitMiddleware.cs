using ChatSphere.Core.Ingestion;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ChatSphere.Web.Infrastructure;

/// <summary>
/// Holds each request to its route's body limit (<see cref="BodyLimits"/>) before anything reads the body: a declared
/// Content-Length over it is refused at once with 413 and the connection closed, so not a byte of the body is read; a
/// chunked body is read into memory up to the limit and refused there (uploads, too big to hold, are stopped by Kestrel
/// at the limit instead). Placed after routing, which names the endpoint, and before authentication.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<IngestionOptions> ingestion, IProblemDetailsService problems)
{
    private const string LimitKey = "chatsphere.bodyLimit";

    /// <summary>The body limit the request was held to; null before this middleware ran.</summary>
    public static long? LimitOf(HttpContext http) => http.Items[LimitKey] as long?;

    public async Task InvokeAsync(HttpContext http)
    {
        var limit = LimitFor(http);
        http.Items[LimitKey] = limit;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        var request = http.Request;
        if (request.ContentLength > limit)
        {
            await RefuseAsync(http, limit);
            return;
        }

        if (request.ContentLength is null && limit <= BodyLimits.BufferedMax && IsChunked(http))
        {
            try
            {
                if (await ReadUpToAsync(request.Body, limit, http.RequestAborted) is not { } body)
                {
                    await RefuseAsync(http, limit);
                    return;
                }

                request.Body = new MemoryStream(body, writable: false);
                request.ContentLength = body.Length;
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                // Kestrel, which holds the body to the same limit, got there first.
                await RefuseAsync(http, limit);
                return;
            }
        }

        await next(http);
    }

    private long LimitFor(HttpContext http)
    {
        var endpoint = http.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<UploadBodyLimit>() is { } upload && upload.AppliesTo(http.Request))
        {
            return upload.BytesFor(ingestion.Value.MaxUploadBytes);
        }

        if (endpoint?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { MaxRequestBodySize: { } bytes })
        {
            return bytes;
        }

        return endpoint?.Metadata.GetMetadata<PageActionDescriptor>() is null ? BodyLimits.Json : BodyLimits.Form;
    }

    private static bool IsChunked(HttpContext http) =>
        http.Request.Headers.TransferEncoding.Count > 0 || http.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true;

    /// <summary>The whole body, or null as soon as it turns out longer than <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadUpToAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private async Task RefuseAsync(HttpContext http, long limit)
    {
        http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        // The unread rest of the body is not drained to keep the connection: it is closed after this answer.
        if (HttpProtocol.IsHttp11(http.Request.Protocol))
        {
            http.Response.Headers.Connection = "close";
        }

        // /v1 answers in OpenAI's error shape, written by its status code page (OpenAiCompatibleApi.WriteStatusErrorAsync).
        if (http.Request.Path.StartsWithSegments("/v1"))
        {
            return;
        }

        var written = await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Request body too large",
                Detail = BodyLimits.Describe(limit),
                Extensions = { ["limitBytes"] = limit },
            },
        });
        if (!written)
        {
            await http.Response.WriteAsync(BodyLimits.Describe(limit));
        }
    }
}
