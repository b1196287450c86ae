using Microsoft.AspNetCore.Http.Metadata;

namespace ChatSphere.Web.Infrastructure;

/// <summary>
/// How large a request body each route accepts, enforced by <see cref="RequestBodyLimitMiddleware"/> before anything
/// reads the body. Routes name theirs with <see cref="WithBodyLimit{TBuilder}"/> (an <see cref="IRequestSizeLimitMetadata"/>)
/// or <see cref="UploadBodyLimit"/>; every other route, and a request that matches none, gets <see cref="Json"/> or, on a
/// page, <see cref="Form"/>.
/// </summary>
public static class BodyLimits
{
    /// <summary>JSON routes: a bot's settings (8,000 characters of instructions, escaped) fit with room to spare.</summary>
    public const long Json = 64 * 1024;

    /// <summary>A page's ordinary form: URL-encoding may take up to nine bytes per character of a bot's instructions.</summary>
    public const long Form = 128 * 1024;

    /// <summary>The token endpoint: an email, a password and a two-factor code.</summary>
    public const long Credentials = 4 * 1024;

    /// <summary>The anonymous widget routes: a bot key, a visitor id, or a visitor's message of at most 1,000 characters.</summary>
    public const long Widget = 16 * 1024;

    /// <summary>
    /// <c>/v1/chat/completions</c>: OpenAI clients resend the whole conversation with each question, so this is the
    /// history a client may send (about 128,000 tokens); the answerer keeps only the last few thousand tokens of it.
    /// </summary>
    public const long OpenAiChat = 512 * 1024;

    /// <summary>Room for the multipart framing and the other fields of an upload form.</summary>
    public const long FormOverhead = 1024 * 1024;

    /// <summary>Bodies up to this size that come without a Content-Length (chunked) are read into memory and measured first.</summary>
    internal const long BufferedMax = 1024 * 1024;

    /// <summary>Enforces the limits; after routing (which names the endpoint) and before authentication.</summary>
    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestBodyLimitMiddleware>();

    /// <summary>Holds the endpoint to a body of at most <paramref name="bytes"/>.</summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(bytes));

    /// <summary>The sentence a refusal carries.</summary>
    public static string Describe(long limit) =>
        $"The request body is larger than this route's limit of {Size(limit)} ({limit:N0} bytes).";

    public static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{bytes / (1024 * 1024.0):0.#} MB",
        >= 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes} bytes",
    };
}
