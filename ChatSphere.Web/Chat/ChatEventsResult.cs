using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ChatSphere.Web.Chat;

/// <summary>A result that hands the response to <paramref name="write"/> as a <see cref="ChatEventWriter"/>.</summary>
public sealed class ChatEventsResult(Func<ChatEventWriter, CancellationToken, Task> write) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>();
        using var events = new ChatEventWriter(httpContext, options.Value.SerializerOptions);
        await write(events, httpContext.RequestAborted);
    }
}
