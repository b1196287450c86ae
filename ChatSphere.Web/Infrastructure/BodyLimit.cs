using Microsoft.AspNetCore.Http.Metadata;

namespace ChatSphere.Web.Infrastructure;

/// <summary>A route's body limit as endpoint metadata (what <c>[RequestSizeLimit]</c> is for MVC).</summary>
public sealed record BodyLimit(long Bytes) : IRequestSizeLimitMetadata
{
    long? IRequestSizeLimitMetadata.MaxRequestBodySize => Bytes;
}
